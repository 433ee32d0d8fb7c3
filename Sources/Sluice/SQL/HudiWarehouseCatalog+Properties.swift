import SQLPlanner
import TableFormat

/// CREATE TABLE's `hoodie.*` TBLPROPERTIES on a Hudi warehouse, as Hudi's Spark SQL treats them: the ones that
/// shape the table set its options (version, partition path style, key generator, database), and every other
/// `hoodie.*` key goes into `hoodie.properties` as given, where later statements read it back (for example
/// `hoodie.spark.sql.insert.into.operation`). A key the table writes itself must agree with it, so a property
/// Sluice cannot honour (`hoodie.table.type` = MERGE_ON_READ, `hoodie.populate.meta.fields` = false) is refused.
extension HudiWarehouseCatalog {
    func apply(_ properties: [String: String], to options: inout HudiTableOptions) throws {
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) where key.lowercased().hasPrefix("hoodie.") {
            switch key {
            case "hoodie.table.version":
                guard let v = Int(value), [6, 8].contains(v) else {
                    throw PlannerError(.catalog, "Hudi table \(options.name): hoodie.table.version = '\(value)'; 6 and 8 can be created")
                }
                options.version = v
            case HoodieTableConfig.Key.hiveStylePartitioning:
                options.hiveStyle = try flag(key, value, options.name)
            case HoodieTableConfig.Key.urlEncodePartitioning:
                options.urlEncode = try flag(key, value, options.name)
            case HoodieTableConfig.Key.keyGeneratorClass, HoodieTableConfig.Key.keyGeneratorType,
                 "hoodie.datasource.write.keygenerator.class", "hoodie.datasource.write.keygenerator.type":
                guard let generator = HudiTableOptions.KeyGenerator(config: value) else {
                    let known = HudiTableOptions.KeyGenerator.allCases.map(\.typeName).joined(separator: ", ")
                    throw PlannerError(.catalog, "Hudi table \(options.name): \(key) = '\(value)'; Sluice writes the \(known) key generators")
                }
                options.keyGenerator = generator
            case HoodieTableConfig.Key.databaseName:
                options.databaseName = value
            default:
                options.extraProperties.append((key, value))
            }
        }
    }

    private func flag(_ key: String, _ value: String, _ table: String) throws -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw PlannerError(.catalog, "Hudi table \(table): \(key) = '\(value)'; expected true or false")
        }
    }
}
