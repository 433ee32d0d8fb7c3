import SQLLogicTest
import Testing
