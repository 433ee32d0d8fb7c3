extension S3Store {
    /// ListObjectsV2; keys and common prefixes are returned relative to the store's prefix.
    public func list(prefix: String, delimiter: String?, maxKeys: Int,
                     continuationToken: String?) throws -> ListPage {
        var query = [("list-type", "2"), ("prefix", self.prefix + prefix),
                     ("max-keys", String(max(1, min(maxKeys, 1000))))]
        if let delimiter, !delimiter.isEmpty { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let response = try send(request("GET", nil, query: query), idempotent: true)
        guard response.status == 200 else { throw failure(response, "GET (list)", "s3://\(bucket)/\(self.prefix + prefix)") }
        let document = try S3XMLElement.parse(response.body)
        guard document.name == "ListBucketResult" else {
            throw StorageError(.invalidResponse, "ListObjectsV2 s3://\(bucket): unexpected <\(document.name)>")
        }
        let objects = try document.all("Contents").map { entry -> ObjectMeta in
            guard let key = entry.value("Key"), key.hasPrefix(self.prefix),
                  let size = entry.value("Size").flatMap({ Int($0) }) else {
                throw StorageError(.invalidResponse, "ListObjectsV2 s3://\(bucket): entry without Key or Size")
            }
            return ObjectMeta(key: String(key.dropFirst(self.prefix.count)), size: size, etag: entry.value("ETag"),
                              lastModified: entry.value("LastModified").flatMap(S3Date.parseISO))
        }
        let prefixes = document.all("CommonPrefixes").compactMap { $0.value("Prefix") }
            .map { String($0.dropFirst(self.prefix.count)) }
        let truncated = document.value("IsTruncated") == "true"
        return ListPage(objects: objects, commonPrefixes: prefixes,
                        continuationToken: truncated ? document.value("NextContinuationToken") : nil)
    }
}
