import BrumeGatewayRules
import Foundation

/// The API key file ImportApiKeys reads (`format=csv`): a header naming columns in any order
/// and any case (`Name` and `Key` required; `Description`, `Enabled`, `UsagePlanIds` optional,
/// others ignored), then one key per line. A quoted field may hold commas (`"c7y23b,glvrsr"`).
struct ApiKeyCSV: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var name: String
        var key: String
        var description: String
        var enabled: Bool
        var usagePlanIds: [String]
    }

    var entries: [Entry]

    /// At most this many keys per file, so a hostile body cannot make the store grow without bound.
    static let maximumEntries = 10_000

    init(parsing text: String) throws(APIGatewayError) {
        let rows = APIKeyFileRows.rows(text)
        guard let header = rows.first else { throw .badRequest("Invalid API key file: the file is empty") }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameColumn = columns.firstIndex(of: "name"), let keyColumn = columns.firstIndex(of: "key") else {
            throw .badRequest("Invalid API key file: the header must name the Name and Key columns")
        }
        let descriptionColumn = columns.firstIndex(of: "description")
        let enabledColumn = columns.firstIndex(of: "enabled")
        let plansColumn = columns.firstIndex(of: "usageplanids")
        entries = []
        for (index, row) in rows.dropFirst().enumerated() {
            if row.allSatisfy(\.isEmpty) { continue }
            guard entries.count < Self.maximumEntries else { throw .limitExceeded("Too many API keys in one file (at most \(Self.maximumEntries))") }
            func field(_ column: Int?) -> String { column.flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            let key = field(keyColumn)
            let line = index + 2
            if key.count < 20 { throw .badRequest("API Key value should be at least 20 characters (line \(line))") }
            if key.count > 128 { throw .badRequest("API Key value exceeds maximum size of 128 characters (line \(line))") }
            let name = field(nameColumn)
            if name.count > 1024 { throw .badRequest("API Key name exceeds maximum size of 1024 characters (line \(line))") }
            let enabledText = field(enabledColumn).lowercased()
            guard ["", "true", "false"].contains(enabledText) else {
                throw .badRequest("Invalid value for Enabled: \(field(enabledColumn)) (line \(line))")
            }
            entries.append(Entry(
                name: name, key: key, description: field(descriptionColumn), enabled: enabledText != "false",
                usagePlanIds: field(plansColumn).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            ))
        }
    }
}
