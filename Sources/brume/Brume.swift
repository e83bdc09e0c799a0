import ArgumentParser
import BrumeCore

@main
struct Brume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brume",
        abstract: "A local AWS-compatible serverless stack.",
        version: BrumeVersion.current,
        subcommands: [Up.self, Serve.self, Status.self, Invoke.self, Logs.self, Clock.self]
    )
}
