import Foundation

/// Appends bytes to a new blob; ``commit()`` makes it durable and readable, ``abort()`` drops it.
///
/// Not thread-safe: one task writes a blob from start to end.
public final class BlobWriter {
    /// The id the blob will have once committed.
    public let id: BlobID
    /// Bytes written so far.
    public private(set) var count: Int64 = 0
    private var descriptor: Int32
    private let temporaryPath: String
    private let store: BlobStore

    init(id: BlobID, descriptor: Int32, temporaryPath: String, store: BlobStore) {
        self.id = id
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.store = store
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes`. Writes go to the page cache, so they do not block for long.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(BlobStoreError) {
        guard descriptor >= 0 else { throw .writerClosed }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", errno: errno)
            }
            offset += written
        }
        count += Int64(bytes.count)
    }

    /// fsyncs and publishes the blob under ``id``.
    public func commit() async throws(BlobStoreError) {
        guard descriptor >= 0 else { throw .writerClosed }
        let descriptor = self.descriptor
        self.descriptor = -1
        do {
            try await store.commit(temporaryPath: temporaryPath, id: id, descriptor: descriptor)
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }

    /// Discards everything written.
    public func abort() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }
}

/// An open, committed blob; reads are positional, so one file can serve many ranges.
public final class BlobFile: Sendable {
    private let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (0 at the end).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(BlobStoreError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw .io(operation: "read", errno: errno) }
        }
    }
}
