import BrumeCore
import Testing

@Suite struct RuleConfigTests {
    @Test func readsRulesWithPatternsAsJSON() throws {
        let config = try StackConfig.parse(yaml: """
            services: { events: {} }
            resources:
              buckets:
                - { name: raw, event_bridge: true }
              rules:
                - name: uploads
                  pattern: { source: [aws.s3], detail: { size: [{ numeric: [">", 0] }], flag: [true], quoted: ["1"] } }
                  enabled: false
                  targets:
                    - { id: q, queue: jobs, input_path: $.detail }
                    - id: sm
                      state_machine: ingest
                      input_transformer: { input_paths_map: { k: $.detail.key }, input_template: '{"key": <k>}' }
                    - { function: f, input: { fixed: 1 }, dead_letter_queue: dlq }
            """, file: "localstack.yml")
        #expect(config.resources.buckets.first?.eventBridge == true)
        let rule = try #require(config.resources.rules.first)
        #expect(rule.name == "uploads" && rule.bus == nil && !rule.enabled)
        #expect(rule.pattern == #"{"source":["aws.s3"],"detail":{"size":[{"numeric":[">",0]}],"flag":[true],"quoted":["1"]}}"#)
        #expect(rule.targets.map(\.id) == ["q", "sm", "target-3"])
        #expect(rule.targets[0].destination == .queue("jobs") && rule.targets[0].inputPath == "$.detail")
        #expect(rule.targets[1].inputTransformer == .init(pathsMap: ["k": "$.detail.key"], template: #"{"key": <k>}"#))
        #expect(rule.targets[2].input == #"{"fixed":1}"# && rule.targets[2].deadLetterQueue == "dlq")
    }

    @Test func refusesAmbiguousTargets() {
        #expect(throws: ConfigError.self) {
            try StackConfig.parse(yaml: """
                resources:
                  rules:
                    - { name: r, pattern: { source: [a] }, targets: [{ queue: q, function: f }] }
                """, file: "localstack.yml")
        }
        #expect(throws: ConfigError.self) {
            try StackConfig.parse(yaml: """
                resources:
                  rules:
                    - { name: r, pattern: { source: [a] }, targets: [{ queue: q, input: {}, input_path: $.a }] }
                """, file: "localstack.yml")
        }
        #expect(throws: ConfigError.self) {
            try StackConfig.parse(yaml: "resources:\n  rules:\n    - { name: r }\n", file: "localstack.yml")
        }
    }
}
