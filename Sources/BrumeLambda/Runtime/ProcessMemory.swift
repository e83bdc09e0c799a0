import Foundation

/// Reads a process's peak resident memory for the REPORT line's "Max Memory Used".
///
/// This runs on every invoke, so it reads `/proc/<pid>/status` into a stack buffer with one
/// `read` and scans the bytes, rather than building and splitting Strings.
enum ProcessMemory {
    /// `VmHWM` in kB, or nil when the process is gone or the platform has no `/proc`.
    static func peakKilobytes(pid: Int32) -> Int? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Int? in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return nil }
            return parse(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// The number after `VmHWM:` in a status file's bytes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = Array("VmHWM:".utf8)
        var index = 0
        while index + key.count <= bytes.count {
            if bytes[index] == key[0], (0..<key.count).allSatisfy({ bytes[index + $0] == key[$0] }) {
                var position = index + key.count
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                var value = 0
                var digits = 0
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                    value = value * 10 + Int(bytes[position] - 0x30)
                    position += 1
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            index += 1
        }
        return nil
    }
}
