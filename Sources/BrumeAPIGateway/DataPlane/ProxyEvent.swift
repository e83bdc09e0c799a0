import BrumeWire
import Foundation
import BrumeGatewayRules

/// The event an `AWS_PROXY` integration sends a Lambda function: payload format 1.0, member for
/// member as REST APIs build it (no `version` member; absent maps are `null`, not `{}`).
struct ProxyEvent {
    /// What the gateway knows about the call beyond the request itself.
    struct Context {
        var accountID: String
        var requestID: String
        var extendedRequestID: String
        var match: RouteTable.Match
        var stageVariables: [String: String]
        var apiKey: (id: String, value: String)?
        /// `requestContext.authorizer`: the Lambda authorizer's principal and context.
        var authorizer: JSONObject?
        /// The SigV4 caller of an `AWS_IAM` method.
        var iamCaller: (accessKey: String, accountID: String)?
    }

    /// The event for `request` as JSON.
    static func build(_ request: ClientRequest, context: Context, binaryMediaTypes: [String]) -> JSONValue {
        let target = request.target
        var headers = JSONObject()
        var multiHeaders = JSONObject()
        for (name, value) in request.headers {
            headers[name] = .string(value)
            var values = multiHeaders[name]?.arrayValue ?? []
            values.append(.string(value))
            multiHeaders[name] = .array(values)
        }
        var query = JSONObject()
        var multiQuery = JSONObject()
        for (name, value) in request.query {
            query[name] = .string(value)
            var values = multiQuery[name]?.arrayValue ?? []
            values.append(.string(value))
            multiQuery[name] = .array(values)
        }
        let binary = MediaTypes.isBinary(request.contentType, binaryMediaTypes: binaryMediaTypes)
        let body: JSONValue = request.body.isEmpty
            ? .null
            : binary ? .string(Data(request.body).base64EncodedString()) : .string(String(decoding: request.body, as: UTF8.self))
        let path = PercentEncoding.decode(target.path) ?? target.path

        var event = JSONObject()
        event["resource"] = .string(context.match.resourcePath)
        event["path"] = .string(path)
        event["httpMethod"] = .string(request.method)
        event["headers"] = headers.isEmpty ? .null : .object(headers)
        event["multiValueHeaders"] = multiHeaders.isEmpty ? .null : .object(multiHeaders)
        event["queryStringParameters"] = query.isEmpty ? .null : .object(query)
        event["multiValueQueryStringParameters"] = multiQuery.isEmpty ? .null : .object(multiQuery)
        event["pathParameters"] = context.match.pathParameters.isEmpty ? .null : JSONValue.strings(context.match.pathParameters)
        event["stageVariables"] = context.stageVariables.isEmpty ? .null : JSONValue.strings(context.stageVariables)
        event["requestContext"] = .object(requestContext(request, context: context, path: path))
        event["body"] = body
        event["isBase64Encoded"] = .bool(binary && !request.body.isEmpty)
        return .object(event)
    }

    /// `requestContext`, shared with `$context` in templates.
    static func requestContext(_ request: ClientRequest, context: Context, path: String) -> JSONObject {
        let target = request.target
        let epochMillis = Int64((request.receivedAt.timeIntervalSince1970 * 1000).rounded(.down))
        var identity = JSONObject()
        for name in ["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"] { identity[name] = .null }
        if let key = context.apiKey {
            identity["apiKey"] = .string(key.value)
            identity["apiKeyId"] = .string(key.id)
        }
        identity["sourceIp"] = .string(request.sourceIP)
        for name in ["principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"] {
            identity[name] = .null
        }
        identity["userAgent"] = request.header("User-Agent").map(JSONValue.string) ?? .null
        identity["user"] = .null
        if let caller = context.iamCaller {
            identity["accessKey"] = .string(caller.accessKey)
            identity["accountId"] = .string(caller.accountID)
            identity["caller"] = .string(caller.accountID)
            identity["user"] = .string(caller.accountID)
            identity["userArn"] = .string("arn:aws:iam::\(caller.accountID):root")
        }

        var result = JSONObject()
        result["resourceId"] = .string(context.match.resourceID)
        if let authorizer = context.authorizer { result["authorizer"] = .object(authorizer) }
        result["resourcePath"] = .string(context.match.resourcePath)
        result["httpMethod"] = .string(request.method)
        result["extendedRequestId"] = .string(context.extendedRequestID)
        result["requestTime"] = .string(Self.requestTime(request.receivedAt))
        result["path"] = .string("/\(target.stage)\(path == "/" ? "/" : path)")
        result["accountId"] = .string(context.accountID)
        result["protocol"] = .string("HTTP/1.1")
        result["stage"] = .string(target.stage)
        result["domainPrefix"] = .string(target.domainPrefix)
        result["requestTimeEpoch"] = .int(epochMillis)
        result["requestId"] = .string(context.requestID)
        result["identity"] = .object(identity)
        result["domainName"] = .string(target.domainName)
        result["apiId"] = .string(target.apiID)
        return result
    }

    /// `04/Mar/2020:19:15:17 +0000`, the CLF timestamp `requestTime` carries.
    static func requestTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { let value = value ?? 0; return value < 10 ? "0\(value)" : "\(value)" }
        let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
        return "\(two(parts.day))/\(month)/\(parts.year ?? 1970):\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
