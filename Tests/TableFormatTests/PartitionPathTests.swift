import Testing
@testable import TableFormat

@Suite("Partition paths")
struct PartitionPathTests {
    @Test("hive style, plain, multi-level, URL-encoded and default partitions")
    func values() {
        let hive = HoodiePartitionPath("byteField=10/shortField=300")
        #expect(hive.values(fields: ["byteField", "shortField"], hiveStyle: true, urlEncoded: false)
                == ["byteField": "10", "shortField": "300"])
        #expect(HoodiePartitionPath("10").values(fields: ["byteField"], hiveStyle: false, urlEncoded: false) == ["byteField": "10"])
        #expect(HoodiePartitionPath("2023/04/01/12").values(fields: ["ts_str"], hiveStyle: false, urlEncoded: false)
                == ["ts_str": "2023/04/01/12"])
        #expect(HoodiePartitionPath("a/b").values(fields: ["x", "y"], hiveStyle: false, urlEncoded: false) == ["x": "a", "y": "b"])
        #expect(HoodiePartitionPath("city=San%20Jos%C3%A9%2F1").values(fields: ["city"], hiveStyle: true, urlEncoded: true)
                == ["city": "San José/1"])
        #expect(HoodiePartitionPath("city=__HIVE_DEFAULT_PARTITION__").values(fields: ["city"], hiveStyle: true, urlEncoded: false)
                == ["city": String?.none])
        #expect(HoodiePartitionPath("__HIVE_DEFAULT_PARTITION__").values(fields: ["city"], hiveStyle: false, urlEncoded: false)
                == ["city": String?.none])
        #expect(HoodiePartitionPath("").values(fields: [], hiveStyle: false, urlEncoded: false).isEmpty)
        #expect(HoodiePartitionPath.unescapePathName("100%25%zz%4") == "100%%zz%4")
    }
}
