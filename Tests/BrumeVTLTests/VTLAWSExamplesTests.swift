import BrumeVTL
import Foundation
import Testing

/// Templates from API Gateway's developer guide, checked by the JSON they produce (the guide
/// shows the output reformatted, so its whitespace proves nothing).
@Suite struct VTLAWSExamplesTests {
    private func json(_ text: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test func petStoreTransformation() throws {
        let body = #"[ { "id": 1, "type": "dog", "price": 249.99 }, { "id": 2, "type": "cat", "price": 124.99 }, { "id": 3, "type": "fish", "price": 0.99 } ]"#
        let template = """
            #set($inputRoot = $input.path('$'))
            [
            #foreach($elem in $inputRoot)
              {
                "description" : "Item $elem.id is a $elem.type.",
                "askingPrice" : $elem.price
              }#if($foreach.hasNext),#end

            #end
            ]
            """
        let output = try VTLFixture.render(template, body: body)
        let expected = #"[ { "description" : "Item 1 is a dog.", "askingPrice" : 249.99 }, { "description" : "Item 2 is a cat.", "askingPrice" : 124.99 }, { "description" : "Item 3 is a fish.", "askingPrice" : 0.99 } ]"#
        #expect(try json(output) == json(expected))
    }

    @Test func responseOverrideOnError() throws {
        let template = """
            #set($inputRoot = $input.path('$'))
            $input.json("$")
            #if($inputRoot.toString().contains("error"))
            #set($context.responseOverride.status = 400)
            #set($context.responseOverride.header.X-Error = "yes")
            #end
            """
        let (context, map) = VTLFixture.context(body: #"{"status":"error","message":"bad"}"#)
        let output = try VTLTemplate(template).render(context)
        #expect(try json(output) == json(#"{"status":"error","message":"bad"}"#))
        let override = try #require(map["responseOverride"]?.mapValue)
        #expect(override["status"]?.rendered == "400")
        #expect(override["header"]?.mapValue?["X-Error"]?.rendered == "yes")
    }

    @Test func passthroughOfEveryParameter() throws {
        let template = """
            #set($allParams = $input.params())
            {
            "body-json" : $input.json('$'),
            "params" : {
            #foreach($type in $allParams.keySet())
                #set($params = $allParams.get($type))
            "$type" : {
                #foreach($paramName in $params.keySet())
                "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                    #if($foreach.hasNext),#end
                #end
            }
                #if($foreach.hasNext),#end
            #end
            },
            "stage-variables" : {
            #foreach($key in $stageVariables.keySet())
            "$key" : "$util.escapeJavaScript($stageVariables.get($key))"
                #if($foreach.hasNext),#end
            #end
            },
            "context" : {
                "http-method" : "$context.httpMethod",
                "request-id" : "$context.requestId",
                "source-ip" : "$context.identity.sourceIp",
                "stage" : "$context.stage"
                }
            }
            """
        let output = try VTLFixture.render(template, body: #"{"a":[1,"x"]}"#)
        let object = try #require(try json(output) as? [String: Any])
        #expect((object["body-json"] as? [String: Any])?["a"] as? [AnyHashable] == [1, "x"])
        let params = try #require(object["params"] as? [String: [String: String]])
        #expect(params["path"] == ["id": "7", "q": "from-path"])
        #expect(params["querystring"] == ["q": "search", "page": "2", "sp ace": "a b"])
        // escapeJavaScript's \/ is valid JSON and reads back as /.
        #expect(params["header"]?["Accept"] == "application/json")
        #expect(object["stage-variables"] as? [String: String] == ["env": "dev"])
        #expect((object["context"] as? [String: String])?["source-ip"] == "1.2.3.4")
    }

    @Test func escapeJavaScriptOfASingleQuoteIsNotValidJSON() throws {
        // The guide's warning: $util.escapeJavaScript escapes ' as \', which JSON refuses.
        let output = try VTLFixture.render(#"{"q": "$util.escapeJavaScript("it's")"}"#)
        #expect(output == #"{"q": "it\'s"}"#)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(output.utf8)) }
    }

    @Test func parseJsonOfAStringField() throws {
        let body = #"{"payload": "{\"n\": 2, \"tags\": [\"a\"]}"}"#
        let output = try VTLFixture.render("#set($p = $util.parseJson($input.path('$.payload')))$p.n $p.tags[0] $p", body: body)
        #expect(output == "2 a {n=2, tags=[a]}")
    }
}
