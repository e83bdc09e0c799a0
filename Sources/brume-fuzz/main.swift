// brume-fuzz: runs Brume's parser fuzz targets (see "Fuzzing" in the README).
//
// Built with `-sanitize=fuzzer,address -D BRUME_LIBFUZZER` (what `scripts/fuzz` does), it hands
// control to libFuzzer:
//
//     brume-fuzz <target> [libFuzzer flags] [corpus dirs]     # or BRUME_FUZZ_TARGET=<target>
//
// Built plainly, it replays inputs through a target without sanitizers or coverage, to
// reproduce a crash under a debugger or check a fix:
//
//     brume-fuzz <target> <files or dirs>...
//     brume-fuzz --list
import BrumeFuzzTargets
import Foundation

/// Prints the targets with what each feeds.
func listTargets() {
    for target in FuzzTarget.ordered {
        print("\(target.name)\t\(target.summary)")
    }
}

/// Leaves with the usage text on stderr.
func usage(_ problem: String) -> Never {
    FileHandle.standardError.write(Data("""
        brume-fuzz: \(problem)
        usage: brume-fuzz <target> <files or dirs>...   (replay)
               brume-fuzz --list
        targets: \(FuzzTarget.ordered.map(\.name).joined(separator: ", "))

        """.utf8))
    exit(2)
}

#if BRUME_LIBFUZZER

/// The target libFuzzer drives; set once, before `LLVMFuzzerRunDriver` starts calling back.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

/// libFuzzer's entry for one input. The runtime `-sanitize=fuzzer` links has its own `main`
/// that calls this symbol; SwiftPM's `main` (this file's top-level code) takes precedence, but
/// the symbol must exist for the link to succeed, and it is the callback given to the driver.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    selectedTarget?.run(Array(UnsafeBufferPointer(start: bytes, count: count)))
    return 0
}

typealias CArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<CArguments>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "--list" {
    listTargets()
    exit(0)
}
// The target comes from the first argument, or from BRUME_FUZZ_TARGET. libFuzzer's -fork and
// -jobs modes start children with the flags only, so the name is also put in the environment.
if arguments.count > 1, let target = FuzzTarget.all[arguments[1]] {
    selectedTarget = target
    arguments.remove(at: 1)
    setenv("BRUME_FUZZ_TARGET", target.name, 1)
} else if let name = ProcessInfo.processInfo.environment["BRUME_FUZZ_TARGET"] {
    guard let target = FuzzTarget.all[name] else { usage("unknown target '\(name)' in BRUME_FUZZ_TARGET") }
    selectedTarget = target
} else {
    usage("name a target")
}

var argumentCount = Int32(arguments.count)
let argumentVector = CArguments.allocate(capacity: arguments.count + 1)
for (index, argument) in arguments.enumerated() {
    argumentVector[index] = strdup(argument)
}
argumentVector[arguments.count] = nil
var driverArguments = argumentVector
exit(LLVMFuzzerRunDriver(&argumentCount, &driverArguments, fuzzOneInput))

#else

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--list" {
    listTargets()
    exit(0)
}
guard let name = arguments.first else { usage("name a target") }
guard let target = FuzzTarget.all[name] else { usage("unknown target '\(name)'") }
guard arguments.count > 1 else { usage("name the files or folders to replay") }

var replayed = 0
for path in arguments.dropFirst() {
    for file in FuzzCorpus.files(at: URL(fileURLWithPath: path)) {
        guard let data = FileManager.default.contents(atPath: file.path) else { continue }
        // Named before it runs, on unbuffered stderr, so a crash shows which input it was.
        FileHandle.standardError.write(Data("\(target.name): \(file.path)\n".utf8))
        target.run(Array(data))
        replayed += 1
    }
}
print("replayed \(replayed) input(s) through \(target.name)")

#endif
