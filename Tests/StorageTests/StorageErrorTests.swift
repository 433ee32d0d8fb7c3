import Testing
@testable import Storage
@Test func storageErrorDescribes() { #expect(StorageError("boom").description == "boom") }
