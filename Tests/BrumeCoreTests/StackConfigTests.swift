import BrumeCore
import Testing

@Suite("localstack.yml loading")
struct StackConfigTests {
    @Test("An empty file is the default stack")
    func emptyFileIsDefault() throws {
        let config = try StackConfig.parse(yaml: "", file: "localstack.yml")
        #expect(config == StackConfig())
        #expect(config.edge.port == 4566)
        #expect(config.secret(forAccessKey: "test") == "test")
    }

    @Test("Every documented key is read")
    func fullFile() throws {
        let config = try StackConfig.parse(yaml: """
            version: 1
            stack: demo
            region: eu-west-1
            account: "111122223333"
            edge: { host: 0.0.0.0, port: 4600 }
            data_dir: /tmp/brume-data
            auth: strict
            credentials:
              AKIDEXAMPLE: secret
              other: { secret: s2, account: "444455556666" }
            services:
              s3: {}
            resources:
              buckets:
                - name: raw
                  region: eu-west-1
                  tags: { team: data }
            """, file: "f.yml")
        #expect(config.stackName == "demo")
        #expect(config.region == "eu-west-1")
        #expect(config.accountID == "111122223333")
        #expect(config.edge.host == "0.0.0.0" && config.edge.port == 4600)
        #expect(config.auth == .strict)
        #expect(config.account(forAccessKey: "other") == "444455556666")
        #expect(config.account(forAccessKey: "AKIDEXAMPLE") == "111122223333")
        #expect(config.account(forAccessKey: "999988887777") == "999988887777")
        #expect(config.resources.buckets == [.init(name: "raw", region: "eu-west-1", tags: ["team": "data"])])
    }

    @Test("Unknown keys are errors that name the key and line", arguments: [
        ("surprise: 1", "surprise"),
        ("edge: { hots: x }", "edge.hots"),
        ("resources: { buckets: [ { name: a, colour: red } ] }", "resources.buckets[0].colour"),
    ])
    func unknownKeys(yaml: String, key: String) {
        #expect {
            try StackConfig.parse(yaml: yaml, file: "localstack.yml")
        } throws: { error in
            let error = error as! ConfigError
            return error.key == key && error.file == "localstack.yml" && error.reason.contains("unknown key") && error.line == 1
        }
    }

    @Test("Bad values name the key and the reason", arguments: [
        ("edge: { port: abc }", "edge.port"),
        ("edge: { port: 70000 }", "edge.port"),
        ("auth: loose", "auth"),
        ("account: 12", "account"),
        ("region: Mars", "region"),
        ("version: 2", "version"),
        ("services: { sns: {} }", "services.sns"),
        ("credentials: {}", "credentials"),
        ("services: { s3: { endpoint: 'ftp://x' } }", "services.s3.endpoint"),
    ])
    func badValues(yaml: String, key: String) {
        #expect {
            try StackConfig.parse(yaml: yaml, file: "x.yml")
        } throws: { error in
            (error as? ConfigError)?.key == key
        }
    }

    @Test("Invalid YAML is reported against the file")
    func invalidYAML() {
        #expect(throws: ConfigError.self) { try StackConfig.parse(yaml: "edge: [", file: "x.yml") }
    }

    @Test("Region names", arguments: [("us-east-1", true), ("us-gov-west-1", true), ("eu-central-2", true), ("useast1", false), ("US-EAST-1", false), ("us-east-", false)])
    func regions(name: String, valid: Bool) {
        #expect(RegionName.isValid(name) == valid)
    }
}

@Suite("time_scale")
struct TimeScaleConfigTests {
    @Test("time_scale is read, defaults to 1 and must be greater than zero")
    func timeScale() throws {
        var config = StackConfig()
        #expect(config.timeScale == 1)
        config = try StackConfig.parse(yaml: "time_scale: 12.5", file: "localstack.yml")
        #expect(config.timeScale == 12.5)
        for bad in ["0", "-1", "fast", ".nan"] {
            #expect(throws: ConfigError.self) { try StackConfig.parse(yaml: "time_scale: \(bad)", file: "localstack.yml") }
        }
    }

    @Test("BRUME_TIME_SCALE overrides the file")
    func environmentOverride() throws {
        var config = try StackConfig.parse(yaml: "time_scale: 2", file: "localstack.yml")
        try config.applyEnvironment(["BRUME_TIME_SCALE": "60"])
        #expect(config.timeScale == 60)
        #expect(throws: ConfigError.self) { try config.applyEnvironment(["BRUME_TIME_SCALE": "0"]) }
    }
}
