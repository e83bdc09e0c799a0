import BrumeSigV4
import BrumeStates
import BrumeWire
import Foundation

/// The timestamps clients send: HTTP dates (`If-Modified-Since`, `Expires`, ...), ISO 8601 and
/// epoch-style AWS timestamps, SigV4's `X-Amz-Date`, and ASL's Choice and Wait timestamps.
enum TimestampTarget {
    static let summary = "The input as text through every timestamp parser, and each date parsed written back out"

    static func run(_ data: [UInt8]) {
        let text = FuzzInput.text(data)
        for date in [AWSTimestamp.parseHTTPDate(text), AWSTimestamp.parseISO8601(text), SigV4.date(fromAmzDate: text)] {
            guard let date else { continue }
            // A parsed date is written back into answers (Last-Modified, x-amz-date, ...).
            _ = AWSTimestamp.httpDate(date)
            _ = AWSTimestamp.iso8601(date)
            _ = SigV4.amzDate(from: date)
        }
        _ = StatesParserEntryPoints.parseTimestamp(text)
    }
}
