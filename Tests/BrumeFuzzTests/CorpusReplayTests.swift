import BrumeFuzzTargets
import Foundation
import Testing

/// Replays every kept fuzz input through its target, without sanitizers: the corpus
/// (`fuzz/corpus/<target>/`) and every crash the fuzzer found (`fuzz/crashes/<target>/`). A crash
/// that comes back takes the test process down; `brume-fuzz <target> fuzz/crashes/<target>`
/// then names the input that did it.
@Suite struct CorpusReplayTests {
    /// The repository's `fuzz/` folder, found from this file's path.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    @Test(arguments: FuzzTarget.ordered.map(\.name))
    func replaysCorpusAndCrashes(target name: String) throws {
        let target = try #require(FuzzTarget.all[name])
        let corpus = FuzzCorpus.files(at: Self.fuzzFolder.appendingPathComponent("corpus/\(name)"))
        #expect(!corpus.isEmpty, "fuzz/corpus/\(name)/ holds no inputs")
        let crashes = FuzzCorpus.files(at: Self.fuzzFolder.appendingPathComponent("crashes/\(name)"))
        for file in corpus + crashes {
            let data = try Data(contentsOf: file)
            target.run(Array(data))
        }
    }

    @Test func everyCorpusFolderNamesATarget() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.fuzzFolder.appendingPathComponent("corpus").path)) ?? []
        let unknown = names.filter { !$0.hasPrefix(".") && FuzzTarget.all[$0] == nil }
        #expect(unknown.isEmpty, "corpus folders without a target: \(unknown)")
    }
}
