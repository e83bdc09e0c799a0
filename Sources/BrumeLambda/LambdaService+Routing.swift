import Hummingbird

/// The rest-json routes: method and path template → operation.
extension LambdaService {
    typealias Operation = @Sendable (LambdaService) -> @Sendable (LambdaCall) async throws -> Response

    /// One route; `{Name}` segments capture a path parameter.
    struct Route: Sendable {
        let method: String
        let template: [String]
        let operation: Operation

        init(_ method: String, _ path: String, _ operation: @escaping Operation) {
            self.method = method
            template = path.split(separator: "/").map(String.init)
            self.operation = operation
        }

        func match(_ method: String, _ segments: [String]) -> [String: String]? {
            guard method == self.method, segments.count == template.count else { return nil }
            var parameters: [String: String] = [:]
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{") {
                    parameters[String(pattern.dropFirst().dropLast())] = segment
                } else if pattern != segment {
                    return nil
                }
            }
            return parameters
        }
    }

    static func route(method: String, segments: [String]) -> (Operation, [String: String])? {
        for route in routes {
            if let parameters = route.match(method, segments) { return (route.operation, parameters) }
        }
        return nil
    }

    /// Every operation Brume answers, by botocore's request URIs. Operations of the model that
    /// are not here answer UnknownOperationException through ``unimplemented``.
    static let routes: [Route] = [
        Route("POST", "2015-03-31/functions", { service in service.createFunction }),
        Route("GET", "2015-03-31/functions", { service in service.listFunctions }),
        Route("GET", "2015-03-31/functions/{FunctionName}", { service in service.getFunction }),
        Route("DELETE", "2015-03-31/functions/{FunctionName}", { service in service.deleteFunction }),
        Route("GET", "2015-03-31/functions/{FunctionName}/configuration", { service in service.getFunctionConfiguration }),
        Route("PUT", "2015-03-31/functions/{FunctionName}/configuration", { service in service.updateFunctionConfiguration }),
        Route("PUT", "2015-03-31/functions/{FunctionName}/code", { service in service.updateFunctionCode }),
        Route("POST", "2015-03-31/functions/{FunctionName}/invocations", { service in service.invoke }),
        Route("POST", "2015-03-31/functions/{FunctionName}/versions", { service in service.publishVersion }),
        Route("GET", "2015-03-31/functions/{FunctionName}/versions", { service in service.listVersionsByFunction }),
        Route("PUT", "2017-10-31/functions/{FunctionName}/concurrency", { service in service.putFunctionConcurrency }),
        Route("GET", "2019-09-30/functions/{FunctionName}/concurrency", { service in service.getFunctionConcurrency }),
        Route("DELETE", "2017-10-31/functions/{FunctionName}/concurrency", { service in service.deleteFunctionConcurrency }),
        Route("POST", "2017-03-31/tags/{Resource}", { service in service.tagResource }),
        Route("DELETE", "2017-03-31/tags/{Resource}", { service in service.untagResource }),
        Route("GET", "2017-03-31/tags/{Resource}", { service in service.listTags }),
        Route("GET", "2016-08-19/account-settings", { service in service.getAccountSettings }),
        Route("PUT", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.putFunctionEventInvokeConfig }),
        Route("POST", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.updateFunctionEventInvokeConfig }),
        Route("GET", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.getFunctionEventInvokeConfig }),
        Route("DELETE", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.deleteFunctionEventInvokeConfig }),
        Route("GET", "2019-09-25/functions/{FunctionName}/event-invoke-config/list", { service in service.listFunctionEventInvokeConfigs }),
        Route("POST", "2015-03-31/event-source-mappings", { service in service.createEventSourceMapping }),
        Route("GET", "2015-03-31/event-source-mappings", { service in service.listEventSourceMappings }),
        Route("GET", "2015-03-31/event-source-mappings/{UUID}", { service in service.getEventSourceMapping }),
        Route("PUT", "2015-03-31/event-source-mappings/{UUID}", { service in service.updateEventSourceMapping }),
        Route("DELETE", "2015-03-31/event-source-mappings/{UUID}", { service in service.deleteEventSourceMapping }),
        Route("POST", "2015-03-31/functions/{FunctionName}/aliases", { service in service.createAlias }),
        Route("GET", "2015-03-31/functions/{FunctionName}/aliases", { service in service.listAliases }),
        Route("GET", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.getAlias }),
        Route("PUT", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.updateAlias }),
        Route("DELETE", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.deleteAlias }),
        // Not implemented yet: each answers UnknownOperationException naming itself.
        Route("POST", "2021-11-15/functions/{FunctionName}/response-streaming-invocations", unimplemented("InvokeWithResponseStream")),
        Route("POST", "2014-11-13/functions/{FunctionName}/invoke-async", unimplemented("InvokeAsync")),
        Route("POST", "2015-03-31/functions/{FunctionName}/policy", unimplemented("AddPermission")),
        Route("GET", "2015-03-31/functions/{FunctionName}/policy", unimplemented("GetPolicy")),
        Route("POST", "2021-10-31/functions/{FunctionName}/url", unimplemented("CreateFunctionUrlConfig")),
    ]

    static func unimplemented(_ name: String) -> Operation {
        { _ in { _ in throw LambdaError.notImplemented(name) } }
    }
}
