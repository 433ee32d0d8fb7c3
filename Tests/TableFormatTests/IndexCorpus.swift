import Foundation
@testable import TableFormat

/// What pyarrow (another reader) says about every Parquet base file of a corpus table: its record keys in row
/// order and its footer's Hudi entries. The bloom filter and index tests check Sluice against it.
struct IndexCorpusFile: Decodable {
    /// Path relative to the table's base path.
    var path: String
    var keys: [String]
    /// The footer's key-value metadata (all entries, in footer order), values as UTF-8 text.
    var metadata: [[String]]

    func value(_ key: String) -> String? { metadata.first { $0[0] == key }?[1] }
}

enum IndexCorpus {
    /// Corpus tables whose Parquet base files carry Hudi's bloom filters.
    static let tablesWithBloomFilters = HudiCorpus.tables { !$0.contains("lance") && !$0.contains("empty") && !$0.contains("no_metafields") }

    static let script = """
        import json, os, sys, pyarrow.parquet as pq
        base = sys.argv[1]
        out = []
        for root, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != '.hoodie')
            for name in sorted(files):
                if not name.endswith('.parquet') or name.startswith('.'):
                    continue
                path = os.path.join(root, name)
                md = pq.read_metadata(path).metadata or {}
                names = pq.read_schema(path).names
                keys = pq.read_table(path, columns=['_hoodie_record_key']).column(0).to_pylist() if '_hoodie_record_key' in names else []
                out.append({'path': os.path.relpath(path, base), 'keys': keys,
                            'metadata': [[k.decode(), v.decode()] for k, v in md.items()]})
        json.dump(out, sys.stdout)
        """

    /// The table's base files as pyarrow reads them (one Python run per table, cached per process).
    static func files(_ table: String) throws -> (base: URL, files: [IndexCorpusFile]) {
        let base = try HudiCorpus.unzip(table)
        guard let python = HudiCorpus.python else { throw CorpusError("no Python with pyarrow (set SLUICE_PYTHON)") }
        let json = try HudiCorpus.run(python, ["-c", script, base.path])
        return (base, try JSONDecoder().decode([IndexCorpusFile].self, from: Data(json.utf8)))
    }
}
