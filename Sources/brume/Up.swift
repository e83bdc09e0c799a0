import ArgumentParser

/// `brume up`: every service the config enables, on one edge port.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the stack described by localstack.yml.")

    @OptionGroup var options: StackOptions

    func run() async throws {
        try await StackLauncher.run(options, only: nil)
    }
}

/// `brume serve <service>`: one service alone, for a stack split across processes.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run one service alone (for example: brume serve s3 --port 4577).")

    @Argument(help: "The service to run: s3.")
    var service: String

    @OptionGroup var options: StackOptions

    func run() async throws {
        try await StackLauncher.run(options, only: [service])
    }
}
