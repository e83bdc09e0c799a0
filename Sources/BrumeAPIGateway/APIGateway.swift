/// Amazon API Gateway: REST APIs (and HTTP APIs) with their control plane on the `apigateway`
/// signing name and their data plane at the invoke URLs.
public enum APIGateway {}
