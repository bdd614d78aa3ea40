import Foundation

/// ReShare's in-note protocol: markers written into `note` as `#Name#` (`#seq:3#`,
/// `#ReShareAddLoanCondition#`), documented in BRIEF.md §10.3 and seen in samples `sam-05` and `request-08`.
enum ReShareNoteMarkers {
    /// Markers by which a supplier sets a loan condition or waits for the requester to agree to one.
    static let loanConditionMarkers = ["ReShareAddLoanCondition", "ReShareSupplierAwaitingConditionConfirmation"]
    /// Every marker ReShare is known to write, besides `seq:N`.
    static let knownMarkers = loanConditionMarkers + ["ReShareLoanConditionAgreeResponse", "ReShareSupplierConditionsAssumedAgreed"]

    /// The note without its markers, trimmed of the spaces they leave.
    static func removing(from note: String) -> String {
        var result = note
        for marker in knownMarkers {
            result = result.replacingOccurrences(of: "#\(marker)#", with: "")
        }
        while let range = result.range(of: #"#seq:[0-9]+#"#, options: .regularExpression) {
            result.removeSubrange(range)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// The alert for a note that sets or awaits a loan condition, with the condition's text when it has one.
    static func loanConditionAlert(in note: String) -> String? {
        guard loanConditionMarkers.contains(where: { note.contains("#\($0)#") }) else { return nil }
        let condition = removing(from: note)
        let text = condition.isEmpty ? "" : ": \(condition)"
        return "the supplier set a loan condition and waits for our agreement (ReShare note)\(text)"
    }
}
