public protocol HoodieIndex: Sendable { func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String] }
