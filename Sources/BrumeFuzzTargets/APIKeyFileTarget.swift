import BrumeGatewayRules

/// The CSV file ImportApiKeys reads: split into rows and fields, quotes and line endings as
/// the gateway reads them, before any column is looked up.
enum APIKeyFileTarget {
    static let summary = "The input as an ImportApiKeys CSV file (format=csv): split into rows and quoted fields"

    static func run(_ data: [UInt8]) {
        let rows = APIKeyFileRows.rows(FuzzInput.text(data))
        // Every row the reader keeps has at least one field, and fields never outnumber the input.
        precondition(rows.allSatisfy { !$0.isEmpty })
        precondition(rows.reduce(0) { $0 + $1.count } <= data.count + 1)
    }
}
