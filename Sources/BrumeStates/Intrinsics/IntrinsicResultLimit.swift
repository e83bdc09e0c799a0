import BrumeWire

extension IntrinsicFunctions {
    /// The most bytes an intrinsic's result may take as JSON text: 256 KiB, the payload a state
    /// may carry on AWS.
    ///
    /// Ten calls over a few large arguments can otherwise multiply a 256 KiB input into gigabytes
    /// (`States.Format` of the same path a thousand times). AWS would fail such a state with
    /// `States.DataLimitExceeded` once the result reached its output, so that is the error here,
    /// raised before the bytes are built.
    static let maximumResultBytes = 262_144

    /// The error for a result past ``maximumResultBytes``.
    static func resultTooLarge(_ function: IntrinsicFunction) -> StatesError {
        StatesError(
            StatesErrorName.dataLimitExceeded,
            "The result of \(function.rawValue) exceeds the maximum number of bytes service limit (\(maximumResultBytes))."
        )
    }
}

extension JSONValue {
    /// Whether this value's JSON text is certainly longer than `limit` bytes, found without
    /// writing it.
    ///
    /// Lengths are counted from below (a string without its escapes, a number as one digit), and
    /// the walk stops once past the limit, so it costs at most `limit` steps whatever the value.
    func serializedLength(exceeds limit: Int) -> Bool {
        var remaining = limit
        return !fits(within: &remaining)
    }

    private func fits(within remaining: inout Int) -> Bool {
        switch self {
        case .null, .bool: remaining -= 4
        case .int, .double: remaining -= 1
        case .string(let text): remaining -= text.utf8.count + 2
        case .array(let elements):
            remaining -= 2 + max(0, elements.count - 1)
            guard remaining >= 0 else { return false }
            for element in elements {
                guard element.fits(within: &remaining) else { return false }
            }
        case .object(let members):
            remaining -= 2 + max(0, members.count - 1)
            guard remaining >= 0 else { return false }
            for (key, value) in members {
                remaining -= key.utf8.count + 3
                guard remaining >= 0, value.fits(within: &remaining) else { return false }
            }
        }
        return remaining >= 0
    }
}
