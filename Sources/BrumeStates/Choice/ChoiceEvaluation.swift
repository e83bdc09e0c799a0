import BrumeWire

/// Picking a Choice state's transition.
enum ChoiceEvaluation {
    /// Where a Choice state goes, and the rule-level `Assign` to apply on the way.
    struct Decision: Sendable, Equatable {
        /// The next state: the matching rule's `Next`, or the state's `Default`.
        var next: String
        /// The matching rule's `Assign`; nil when the rule has none or `Default` was taken.
        /// A state-level `Assign` is the caller's to apply in either case.
        var assign: JSONValue?
    }

    /// The cause AWS gives when no rule matches and there is no `Default`. The engine prefixes
    /// it with the state's name and event id, as it does for every state failure.
    static let noChoiceMatchedCause = "Failed to transition out of the state. The state does not point to a next state."

    /// Evaluates `rules` in order and returns the first match, or `defaultState`.
    ///
    /// Rules after the first match are not evaluated, so a later rule reading a missing path
    /// cannot fail the state. A rule that throws (a missing `Variable`) stops evaluation and
    /// fails the state even when `Default` is set.
    ///
    /// - Throws: `States.Runtime` from a rule, or `States.NoChoiceMatched` when nothing matches
    ///   and there is no `Default`.
    static func choose(
        rules: [ChoiceBranch],
        default defaultState: String?,
        resolve: (String) throws(StatesError) -> JSONValue?
    ) throws(StatesError) -> Decision {
        for branch in rules where try branch.rule.matches(resolve: resolve) {
            return Decision(next: branch.next, assign: branch.assign)
        }
        guard let defaultState else {
            throw StatesError(StatesErrorName.noChoiceMatched, noChoiceMatchedCause)
        }
        return Decision(next: defaultState, assign: nil)
    }
}
