/// Lookups and changes of one API's state, with AWS's not-found messages.
extension APIGatewayService {
    /// The API named by the `restapi_id` path parameter.
    func apiState(_ call: APIGatewayCall) throws(APIGatewayError) -> ApiState {
        let id = call.parameter("restapi_id")
        guard let api = store.api(id) else { throw Self.apiNotFound(id, call: call) }
        return api
    }

    /// Changes the API named by `restapi_id`; `body` throwing changes nothing.
    func changeApi<T: Sendable>(_ call: APIGatewayCall, _ body: (inout ApiState, inout ChangeSet) throws -> T) throws -> T {
        let id = call.parameter("restapi_id")
        return try store.mutate { state, changes in
            guard var api = state.apis[id] else { throw Self.apiNotFound(id, call: call) }
            let result = try body(&api, &changes)
            state.apis[id] = api
            changes.apis.insert(id)
            return result
        }
    }

    static func apiNotFound(_ id: String, call: APIGatewayCall) -> APIGatewayError {
        .notFound("Invalid API identifier specified \(call.caller.accountID):\(id)")
    }
}

extension ApiState {
    func resource(_ id: String) throws(APIGatewayError) -> ApiResource {
        guard let resource = resources[id] else { throw .notFound("Invalid Resource identifier specified") }
        return resource
    }

    func method(_ resourceId: String, _ httpMethod: String) throws(APIGatewayError) -> ApiMethod {
        guard let method = try resource(resourceId).resourceMethods?[httpMethod] else {
            throw .notFound("Invalid Method identifier specified")
        }
        return method
    }

    func integration(_ resourceId: String, _ httpMethod: String) throws(APIGatewayError) -> Integration {
        guard let integration = try method(resourceId, httpMethod).methodIntegration else {
            throw .notFound("Invalid Integration identifier specified")
        }
        return integration
    }

    /// Changes one method in place.
    mutating func changeMethod<T>(_ resourceId: String, _ httpMethod: String, _ body: (inout ApiMethod) throws -> T) throws -> T {
        var method = try method(resourceId, httpMethod)
        let result = try body(&method)
        resources[resourceId]?.resourceMethods?[httpMethod] = method
        return result
    }

    /// Changes one method's integration in place.
    mutating func changeIntegration<T>(_ resourceId: String, _ httpMethod: String, _ body: (inout Integration) throws -> T) throws -> T {
        try changeMethod(resourceId, httpMethod) { method in
            guard var integration = method.methodIntegration else { throw APIGatewayError.notFound("Invalid Integration identifier specified") }
            let result = try body(&integration)
            method.methodIntegration = integration
            return result
        }
    }
}
