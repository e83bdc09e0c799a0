import BrumeWire

extension DefinitionParser {
    /// The fields only Distributed mode has.
    static let distributedOnlyFields = [
        "ItemReader", "ItemBatcher", "ResultWriter", "Label", "ToleratedFailureCount", "ToleratedFailureCountPath",
        "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
    ]

    /// Reads `ItemReader`, `ItemBatcher`, `ResultWriter` and `Label` of a Map state whose mode is
    /// DISTRIBUTED; `executionType` nil means the mode is inline, where those fields are refused.
    mutating func distributedSettings(
        _ object: JSONObject, executionType: DistributedMapSettings.ChildExecutionType?, at location: String
    ) -> DistributedMapSettings? {
        guard let executionType else {
            for field in Self.distributedOnlyFields where object[field] != nil {
                reader.fail("The field '\(field)' is only supported when the Map state's ProcessorConfig Mode is DISTRIBUTED", at: location)
            }
            return nil
        }
        return DistributedMapSettings(
            executionType: executionType,
            label: label(object, at: location),
            itemReader: reader.object("ItemReader", in: object, at: location).flatMap { itemReader($0, at: "\(location)/ItemReader") },
            itemBatcher: reader.object("ItemBatcher", in: object, at: location).flatMap { itemBatcher($0, at: "\(location)/ItemBatcher") },
            resultWriter: reader.object("ResultWriter", in: object, at: location).flatMap { resultWriter($0, at: "\(location)/ResultWriter") }
        )
    }

    /// Characters a Label may not contain, besides whitespace and control characters.
    private static let labelForbidden = Set("?*<>{}[]:;,\\|^~$#%&`\"")

    private mutating func label(_ object: JSONObject, at location: String) -> String? {
        guard let label = reader.string("Label", in: object, at: location) else { return nil }
        let valid = !label.isEmpty && label.count <= 40 && !label.contains { character in
            Self.labelForbidden.contains(character) || character.isWhitespace
                || character.unicodeScalars.contains { (0...0x1F).contains($0.value) || (0x7F...0x9F).contains($0.value) }
        }
        guard valid else {
            reader.fail("Value is not a valid Label: at most 40 characters, without whitespace, wildcard, bracket, special or control characters", at: "\(location)/Label")
            return nil
        }
        return label
    }

    private mutating func itemReader(_ object: JSONObject, at location: String) -> ItemReaderSettings? {
        reader.checkFields(object, allowed: ["Resource", "Parameters", "ReaderConfig"], at: location)
        guard reader.require(["Resource"], in: object, at: location), let resource = reader.string("Resource", in: object, at: location) else { return nil }
        guard let source = ItemReaderSettings.Source(rawValue: resource) else {
            reader.report(.unsupported("ItemReader Resource '\(resource)'", at: "\(location)/Resource"))
            return nil
        }
        guard reader.require(["Parameters"], in: object, at: location) else { return nil }
        let parameters = reader.template("Parameters", in: object, at: location)
        var settings = ItemReaderSettings(source: source, parameters: parameters, inputType: nil, csvHeaderLocation: .firstRow, csvDelimiter: .comma)
        let config = reader.object("ReaderConfig", in: object, at: location) ?? [:]
        let configLocation = "\(location)/ReaderConfig"
        reader.checkFields(
            config, allowed: ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath", "ManifestType"],
            at: configLocation
        )
        settings.inputType = enumeration("InputType", in: config, at: configLocation)
        if source == .getObject, settings.inputType == nil {
            reader.fail("The field 'ReaderConfig.InputType' is required when the ItemReader Resource is \(resource)", at: location)
        }
        // Fields that only some inputs read are refused elsewhere rather than ignored.
        if source == .listObjectsV2, config["InputType"] != nil {
            reader.fail("The field 'InputType' is not supported when the ItemReader Resource is \(resource)", at: configLocation)
        }
        for field in ["CSVHeaderLocation", "CSVHeaders", "CSVDelimiter"] where config[field] != nil && settings.inputType != .csv {
            reader.fail("The field '\(field)' is only supported when the InputType is CSV", at: configLocation)
        }
        if config["ManifestType"] != nil, settings.inputType != .manifest {
            reader.fail("The field 'ManifestType' is only supported when the InputType is MANIFEST", at: configLocation)
        }
        if config["CSVHeaders"] != nil, config["CSVHeaderLocation"]?.stringValue != "GIVEN" {
            reader.fail("The field 'CSVHeaders' is only supported when 'CSVHeaderLocation' is GIVEN", at: configLocation)
        }
        if let manifestType = reader.string("ManifestType", in: config, at: configLocation), manifestType != "S3_INVENTORY" {
            reader.report(.unsupported("ReaderConfig ManifestType '\(manifestType)'", at: "\(configLocation)/ManifestType"))
        }
        settings.csvDelimiter = enumeration("CSVDelimiter", in: config, at: configLocation) ?? .comma
        var headers: [String]?
        if let values = reader.array("CSVHeaders", in: config, at: configLocation, nonEmpty: true) {
            headers = values.compactMap(\.stringValue)
            if headers?.count != values.count { reader.fail("Expected value of type: Array of String", at: "\(configLocation)/CSVHeaders") }
        }
        switch reader.string("CSVHeaderLocation", in: config, at: configLocation) {
        case nil, "FIRST_ROW":
            break
        case "GIVEN":
            if let headers {
                settings.csvHeaderLocation = .given(headers)
            } else {
                reader.fail("The field 'CSVHeaders' is required when 'CSVHeaderLocation' is GIVEN", at: configLocation)
            }
        default:
            reader.fail("Value is not one of the allowed values: [FIRST_ROW, GIVEN]", at: "\(configLocation)/CSVHeaderLocation")
        }
        settings.maxItems = count("MaxItems", in: config, at: configLocation, maximum: Int64(ItemLimit.maximum))
        return settings
    }

    private mutating func itemBatcher(_ object: JSONObject, at location: String) -> ItemBatcherSettings? {
        reader.checkFields(
            object, allowed: ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"],
            at: location
        )
        let settings = ItemBatcherSettings(
            maxItemsPerBatch: count("MaxItemsPerBatch", in: object, at: location),
            maxInputBytesPerBatch: count("MaxInputBytesPerBatch", in: object, at: location),
            batchInput: reader.template("BatchInput", in: object, at: location)
        )
        if settings.maxItemsPerBatch == nil, settings.maxInputBytesPerBatch == nil {
            reader.fail("ItemBatcher needs at least one of: [MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]", at: location)
        }
        return settings
    }

    private mutating func resultWriter(_ object: JSONObject, at location: String) -> ResultWriterSettings? {
        reader.checkFields(object, allowed: ["Resource", "Parameters", "WriterConfig"], at: location)
        var writerConfig = WriterConfig.exportDefault
        if let config = reader.object("WriterConfig", in: object, at: location) {
            let configLocation = "\(location)/WriterConfig"
            reader.checkFields(config, allowed: ["OutputType", "Transformation"], at: configLocation)
            if let transformation: WriterConfig.Transformation = enumeration("Transformation", in: config, at: configLocation) {
                writerConfig.transformation = transformation
            }
            if let outputType: WriterConfig.OutputType = enumeration("OutputType", in: config, at: configLocation) {
                writerConfig.outputType = outputType
            }
        }
        // Without Resource and Parameters AWS applies WriterConfig to the state's output instead
        // of exporting; Brume exports only.
        guard reader.require(["Resource", "Parameters"], in: object, at: location),
              let resource = reader.string("Resource", in: object, at: location) else { return nil }
        guard resource == "arn:aws:states:::s3:putObject" else {
            reader.fail("Value is not one of the allowed values: [arn:aws:states:::s3:putObject]", at: "\(location)/Resource")
            return nil
        }
        guard let parameters = reader.template("Parameters", in: object, at: location) else { return nil }
        return ResultWriterSettings(parameters: parameters, writerConfig: writerConfig)
    }

    /// A string field whose value must be one of `T`'s raw values.
    private mutating func enumeration<T: RawRepresentable & CaseIterable>(
        _ key: String, in object: JSONObject, at location: String
    ) -> T? where T.RawValue == String {
        guard let text = reader.string(key, in: object, at: location) else { return nil }
        guard let value = T(rawValue: text) else {
            reader.fail("Value is not one of the allowed values: [\(T.allCases.map(\.rawValue).joined(separator: ", "))]", at: "\(location)/\(key)")
            return nil
        }
        return value
    }
}
