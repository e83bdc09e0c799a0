import BrumeWire
import Hummingbird

/// The rest-json routes: method and path template → operation.
extension LambdaService {
    typealias Operation = @Sendable (LambdaService) -> @Sendable (LambdaCall) async throws -> Response

    typealias Route = RestRoute<Operation>

    static func route(method: String, segments: [String]) -> (Route, [String: String])? {
        Route.first(in: routes, method: method, segments: segments)
    }

    /// Every operation Brume answers, by botocore's request URIs. Operations of the model that
    /// are not here answer UnknownOperationException through ``unimplemented``.
    static let routes: [Route] = [
        Route("CreateFunction", "POST", "2015-03-31/functions", { service in service.createFunction }),
        Route("ListFunctions", "GET", "2015-03-31/functions", { service in service.listFunctions }),
        Route("GetFunction", "GET", "2015-03-31/functions/{FunctionName}", { service in service.getFunction }),
        Route("DeleteFunction", "DELETE", "2015-03-31/functions/{FunctionName}", { service in service.deleteFunction }),
        Route("GetFunctionConfiguration", "GET", "2015-03-31/functions/{FunctionName}/configuration", { service in service.getFunctionConfiguration }),
        Route("UpdateFunctionConfiguration", "PUT", "2015-03-31/functions/{FunctionName}/configuration", { service in service.updateFunctionConfiguration }),
        Route("UpdateFunctionCode", "PUT", "2015-03-31/functions/{FunctionName}/code", { service in service.updateFunctionCode }),
        Route("Invoke", "POST", "2015-03-31/functions/{FunctionName}/invocations", { service in service.invoke }),
        Route("PublishVersion", "POST", "2015-03-31/functions/{FunctionName}/versions", { service in service.publishVersion }),
        Route("ListVersionsByFunction", "GET", "2015-03-31/functions/{FunctionName}/versions", { service in service.listVersionsByFunction }),
        Route("PutFunctionConcurrency", "PUT", "2017-10-31/functions/{FunctionName}/concurrency", { service in service.putFunctionConcurrency }),
        Route("GetFunctionConcurrency", "GET", "2019-09-30/functions/{FunctionName}/concurrency", { service in service.getFunctionConcurrency }),
        Route("DeleteFunctionConcurrency", "DELETE", "2017-10-31/functions/{FunctionName}/concurrency", { service in service.deleteFunctionConcurrency }),
        Route("TagResource", "POST", "2017-03-31/tags/{Resource}", { service in service.tagResource }),
        Route("UntagResource", "DELETE", "2017-03-31/tags/{Resource}", { service in service.untagResource }),
        Route("ListTags", "GET", "2017-03-31/tags/{Resource}", { service in service.listTags }),
        Route("GetAccountSettings", "GET", "2016-08-19/account-settings", { service in service.getAccountSettings }),
        Route("PutFunctionEventInvokeConfig", "PUT", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.putFunctionEventInvokeConfig }),
        Route("UpdateFunctionEventInvokeConfig", "POST", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.updateFunctionEventInvokeConfig }),
        Route("GetFunctionEventInvokeConfig", "GET", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.getFunctionEventInvokeConfig }),
        Route("DeleteFunctionEventInvokeConfig", "DELETE", "2019-09-25/functions/{FunctionName}/event-invoke-config", { service in service.deleteFunctionEventInvokeConfig }),
        Route("ListFunctionEventInvokeConfigs", "GET", "2019-09-25/functions/{FunctionName}/event-invoke-config/list", { service in service.listFunctionEventInvokeConfigs }),
        Route("CreateEventSourceMapping", "POST", "2015-03-31/event-source-mappings", { service in service.createEventSourceMapping }),
        Route("ListEventSourceMappings", "GET", "2015-03-31/event-source-mappings", { service in service.listEventSourceMappings }),
        Route("GetEventSourceMapping", "GET", "2015-03-31/event-source-mappings/{UUID}", { service in service.getEventSourceMapping }),
        Route("UpdateEventSourceMapping", "PUT", "2015-03-31/event-source-mappings/{UUID}", { service in service.updateEventSourceMapping }),
        Route("DeleteEventSourceMapping", "DELETE", "2015-03-31/event-source-mappings/{UUID}", { service in service.deleteEventSourceMapping }),
        Route("CreateAlias", "POST", "2015-03-31/functions/{FunctionName}/aliases", { service in service.createAlias }),
        Route("ListAliases", "GET", "2015-03-31/functions/{FunctionName}/aliases", { service in service.listAliases }),
        Route("GetAlias", "GET", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.getAlias }),
        Route("UpdateAlias", "PUT", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.updateAlias }),
        Route("DeleteAlias", "DELETE", "2015-03-31/functions/{FunctionName}/aliases/{Name}", { service in service.deleteAlias }),
        // Not implemented yet: each answers UnknownOperationException naming itself.
        Route("InvokeWithResponseStream", "POST", "2021-11-15/functions/{FunctionName}/response-streaming-invocations", unimplemented("InvokeWithResponseStream")),
        Route("InvokeAsync", "POST", "2014-11-13/functions/{FunctionName}/invoke-async", unimplemented("InvokeAsync")),
        Route("AddPermission", "POST", "2015-03-31/functions/{FunctionName}/policy", unimplemented("AddPermission")),
        Route("GetPolicy", "GET", "2015-03-31/functions/{FunctionName}/policy", unimplemented("GetPolicy")),
        Route("CreateFunctionUrlConfig", "POST", "2021-10-31/functions/{FunctionName}/url", unimplemented("CreateFunctionUrlConfig")),
    ]

    static func unimplemented(_ name: String) -> Operation {
        { _ in { _ in throw LambdaError.notImplemented(name) } }
    }
}
