/// The rows and fields of the CSV file ImportApiKeys reads (`format=csv`), before any column
/// means anything: the one parser of that client input, kept here with no I/O so the fuzzer
/// reaches it (target `apikey-csv`).
public enum APIKeyFileRows {
    /// The file's rows and fields; double or single quotes enclose a field, `""` inside double
    /// quotes is a quote.
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quote: Character?
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if let open = quote {
                if character == open {
                    let next = iterator.next()
                    if next == open, open == "\"" { field.append(open) } else { quote = nil; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty, "'" where field.isEmpty: quote = character
            case ",": row.append(field); field = ""
            case "\n", "\r\n":
                row.append(field); field = ""
                rows.append(row); row = []
            case "\r": continue
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
