import Foundation

/// What a receipt handle names: one receive of one message in one queue.
///
/// Handles are opaque to clients; Brume's are base64 of `queue:sequence:token`, so a handle
/// from another queue, or from before the queue was recreated, is recognised as invalid.
struct ReceiptHandle: Sendable, Equatable {
    let queueID: Int64
    let sequence: Int64
    /// The random token of the receive that produced the handle.
    let token: String

    var encoded: String {
        Data("\(queueID):\(sequence):\(token)".utf8).base64EncodedString()
    }

    /// Decodes a handle; nil when it is not one Brume issued.
    init?(encoded: String) {
        guard let data = Data(base64Encoded: encoded),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let queueID = Int64(parts[0]), let sequence = Int64(parts[1]), !parts[2].isEmpty
        else { return nil }
        self.init(queueID: queueID, sequence: sequence, token: String(parts[2]))
    }

    init(queueID: Int64, sequence: Int64, token: String) {
        self.queueID = queueID
        self.sequence = sequence
        self.token = token
    }
}
