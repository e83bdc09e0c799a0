import BrumeWire

extension DefinitionParser {
    /// A Map state, inline or in Distributed mode.
    mutating func parseMap(_ object: JSONObject, at location: String) -> State.Kind? {
        reader.exclusive(["ItemSelector", "Parameters"], in: object, at: location)
        let (processor, mode) = mapProcessor(object, at: location)
        let distributed = distributedSettings(object, executionType: mode, at: location)
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
            catch: catchers,
            distributed: distributed
        ))
    }

    /// `ItemProcessor` (with its `ProcessorConfig`) or the legacy `Iterator`, exactly one; with
    /// the child execution type when the mode is DISTRIBUTED (nil: inline).
    private mutating func mapProcessor(
        _ object: JSONObject, at location: String
    ) -> (StateGraph?, DistributedMapSettings.ChildExecutionType?) {
        guard reader.exclusive(["ItemProcessor", "Iterator"], in: object, at: location) else { return (nil, nil) }
        if let iterator = reader.object("Iterator", in: object, at: location) {
            return (parseGraph(iterator, at: "\(location)/Iterator"), nil)
        }
        guard reader.require(["ItemProcessor"], in: object, at: location),
              let processor = reader.object("ItemProcessor", in: object, at: location) else { return (nil, nil) }
        let processorLocation = "\(location)/ItemProcessor"
        var executionType: DistributedMapSettings.ChildExecutionType?
        if let config = reader.object("ProcessorConfig", in: processor, at: processorLocation) {
            let configLocation = "\(processorLocation)/ProcessorConfig"
            reader.checkFields(config, allowed: ["Mode", "ExecutionType"], at: configLocation)
            switch reader.string("Mode", in: config, at: configLocation) {
            case nil, "INLINE":
                if config["ExecutionType"] != nil { reader.fail("Field 'ExecutionType' is not supported", at: configLocation) }
            case "DISTRIBUTED":
                executionType = childExecutionType(config, at: configLocation)
            default:
                reader.fail("Value is not one of the allowed values: [INLINE, DISTRIBUTED]", at: "\(configLocation)/Mode")
            }
        }
        let graph = parseGraph(processor, at: processorLocation, allowed: Self.branchFields.union(["ProcessorConfig"]))
        return (graph, executionType)
    }

    /// `ExecutionType`, which Distributed mode requires.
    private mutating func childExecutionType(_ config: JSONObject, at location: String) -> DistributedMapSettings.ChildExecutionType? {
        guard reader.require(["ExecutionType"], in: config, at: location),
              let text = reader.string("ExecutionType", in: config, at: location) else { return nil }
        guard let type = DistributedMapSettings.ChildExecutionType(rawValue: text) else {
            reader.fail("Value is not one of the allowed values: [STANDARD, EXPRESS]", at: "\(location)/ExecutionType")
            return nil
        }
        return type
    }

    /// `X` (an integer of at least 0) or `XPath` (a reference path), not both.
    mutating func count(_ key: String, in object: JSONObject, at location: String, maximum: Int64 = .max) -> State.Count? {
        guard reader.exclusive([key, key + "Path"], in: object, at: location) else { return nil }
        if let value = reader.integer(key, in: object, at: location, minimum: 0, maximum: maximum) { return .literal(value) }
        return reader.referencePath(key + "Path", in: object, at: location).map(State.Count.path)
    }
}
