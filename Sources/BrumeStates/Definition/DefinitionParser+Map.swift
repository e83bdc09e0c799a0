import BrumeWire

extension DefinitionParser {
    /// An inline Map state. Distributed mode and the fields only it uses are refused as not
    /// supported yet, so a definition never runs with part of its meaning silently dropped.
    mutating func parseMap(_ object: JSONObject, at location: String) -> State.Kind? {
        for field in ["ItemReader", "ItemBatcher", "ResultWriter", "Label"] where object[field] != nil {
            reader.report(.unsupported("Field '\(field)' (Distributed Map)", at: location))
        }
        reader.exclusive(["ItemSelector", "Parameters"], in: object, at: location)
        let processor = mapProcessor(object, at: location)
        let itemsPath = reader.referencePath("ItemsPath", in: object, at: location)
        let itemSelector = reader.template("ItemSelector", in: object, at: location)
            ?? reader.template("Parameters", in: object, at: location)
        let maxConcurrency = count("MaxConcurrency", in: object, at: location)
        let toleratedCount = count("ToleratedFailureCount", in: object, at: location)
        var toleratedPercentage: State.Percentage?
        if reader.exclusive(["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"], in: object, at: location) {
            if let value = reader.number("ToleratedFailurePercentage", in: object, at: location, minimum: 0, maximum: 100) {
                toleratedPercentage = .literal(value)
            } else if let path = reader.referencePath("ToleratedFailurePercentagePath", in: object, at: location) {
                toleratedPercentage = .path(path)
            }
        }
        let resultSelector = reader.template("ResultSelector", in: object, at: location)
        let resultPath = reader.nullablePath("ResultPath", in: object, at: location)
        let retry = retriers(in: object, at: location)
        let catchers = catchers(in: object, at: location)
        guard let processor else { return nil }
        return .map(State.Map(
            processor: processor,
            itemsPath: itemsPath,
            itemSelector: itemSelector,
            maxConcurrency: maxConcurrency,
            toleratedFailureCount: toleratedCount,
            toleratedFailurePercentage: toleratedPercentage,
            resultSelector: resultSelector,
            resultPath: resultPath,
            retry: retry,
            catch: catchers
        ))
    }

    /// `ItemProcessor` (with an INLINE `ProcessorConfig`) or the legacy `Iterator`, exactly one.
    private mutating func mapProcessor(_ object: JSONObject, at location: String) -> StateGraph? {
        guard reader.exclusive(["ItemProcessor", "Iterator"], in: object, at: location) else { return nil }
        if let iterator = reader.object("Iterator", in: object, at: location) {
            return parseGraph(iterator, at: "\(location)/Iterator")
        }
        guard reader.require(["ItemProcessor"], in: object, at: location),
              let processor = reader.object("ItemProcessor", in: object, at: location) else { return nil }
        let processorLocation = "\(location)/ItemProcessor"
        if let config = reader.object("ProcessorConfig", in: processor, at: processorLocation) {
            let configLocation = "\(processorLocation)/ProcessorConfig"
            reader.checkFields(config, allowed: ["Mode", "ExecutionType"], at: configLocation)
            switch reader.string("Mode", in: config, at: configLocation) {
            case nil, "INLINE":
                if config["ExecutionType"] != nil { reader.fail("Field 'ExecutionType' is not supported", at: configLocation) }
            case "DISTRIBUTED":
                reader.report(.unsupported("Map ProcessorConfig Mode 'DISTRIBUTED'", at: "\(configLocation)/Mode"))
            default:
                reader.fail("Value is not one of the allowed values: [INLINE, DISTRIBUTED]", at: "\(configLocation)/Mode")
            }
        }
        return parseGraph(processor, at: processorLocation, allowed: Self.branchFields.union(["ProcessorConfig"]))
    }

    /// `X` (an integer of at least 0) or `XPath` (a reference path), not both.
    private mutating func count(_ key: String, in object: JSONObject, at location: String) -> State.Count? {
        guard reader.exclusive([key, key + "Path"], in: object, at: location) else { return nil }
        if let value = reader.integer(key, in: object, at: location, minimum: 0, maximum: .max) { return .literal(value) }
        return reader.referencePath(key + "Path", in: object, at: location).map(State.Count.path)
    }
}
