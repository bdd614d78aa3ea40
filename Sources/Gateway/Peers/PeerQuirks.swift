public import ISO18626

/// How one peer's system really speaks ISO 18626, where it departs from the standard: what we tolerate in
/// its messages and what we must not send it. Named profiles (`quirks = "alma"` in a peer's configuration)
/// hold the departures documented for each system (CrossLink's vendor shims, ReShare's in-note protocol,
/// Koha's supplier module); the gateway consults the peer's quirks as data, never the system's name.
public struct PeerQuirks: Hashable, Sendable, CustomStringConvertible {
    /// The profile's name (`standard` when the peer follows the standard).
    public var name: String

    // MARK: What we tolerate from the peer

    /// The status on the peer's Notification is a placeholder, not news: it is not recorded as the
    /// supplier's latest status (Alma and ILLiad send it empty, ReShare sends RequestReceived whatever the
    /// request's state).
    public var notificationStatusIsPlaceholder: Bool
    /// The peer writes protocol markers into `note` (ReShare: `#seq:N#` on every note, loan conditions as
    /// `#ReShareAddLoanCondition#` and `#ReShareSupplierAwaitingConditionConfirmation#`): the markers are
    /// taken out of the note we record, and a loan condition raises a staff alert.
    public var notesCarryReShareMarkers: Bool

    // MARK: What we must not send the peer

    /// Statuses the peer does not know, with the status we send in their place (Alma and ILLiad have no
    /// ExpectToSupply: WillSupply is sent instead).
    public var statusSubstitutes: [Status: Status]
    /// Actions the peer does not implement: a staff action that would send one is refused before anything
    /// is written (Koha's supplier module handles StatusRequest, Received, Cancel and ShippedReturn only).
    public var unsupportedActions: Set<Action>

    /// Creates a profile.
    public init(
        name: String,
        notificationStatusIsPlaceholder: Bool = false,
        notesCarryReShareMarkers: Bool = false,
        statusSubstitutes: [Status: Status] = [:],
        unsupportedActions: Set<Action> = []
    ) {
        self.name = name
        self.notificationStatusIsPlaceholder = notificationStatusIsPlaceholder
        self.notesCarryReShareMarkers = notesCarryReShareMarkers
        self.statusSubstitutes = statusSubstitutes
        self.unsupportedActions = unsupportedActions
    }

    public var description: String { name }

    /// A peer that follows the standard: nothing is tolerated beyond what every peer gets, nothing withheld.
    public static let standard = PeerQuirks(name: "standard")

    /// Ex Libris Alma: no ExpectToSupply (WillSupply is sent instead) and an empty status on notifications.
    public static let alma = PeerQuirks(
        name: "alma",
        notificationStatusIsPlaceholder: true,
        statusSubstitutes: [.expectToSupply: .willSupply]
    )

    /// Project ReShare (mod-rs): RequestReceived on notifications, and its in-note protocol (`#seq:N#`,
    /// loan conditions) in `note`.
    public static let reshare = PeerQuirks(
        name: "reshare",
        notificationStatusIsPlaceholder: true,
        notesCarryReShareMarkers: true
    )

    /// Atlas ILLiad (through its ISO Service): a lighter variant of Alma's departures, as CrossLink's shim
    /// treats it: no ExpectToSupply and placeholder statuses on notifications.
    public static let illiad = PeerQuirks(
        name: "illiad",
        notificationStatusIsPlaceholder: true,
        statusSubstitutes: [.expectToSupply: .willSupply]
    )

    /// OCLC Tipasa: no departure from the standard is documented (no public source says how Tipasa speaks
    /// ISO 18626), so the profile is the standard one under its own name, ready to take what is found.
    public static let tipasa = PeerQuirks(name: "tipasa")

    /// Koha's ISO 18626 supplier module: Renew, HoldReturn, ShippedForward, Notification and Lost are not
    /// implemented, so we never send them.
    public static let koha = PeerQuirks(
        name: "koha",
        unsupportedActions: [.renew, .holdReturn, .shippedForward, .notification, .lost]
    )

    /// Every profile a configuration may name, by name.
    public static let profiles: [String: PeerQuirks] = Dictionary(
        uniqueKeysWithValues: [standard, alma, reshare, illiad, tipasa, koha].map { ($0.name, $0) }
    )

    /// The status to send this peer for `status`.
    public func outboundStatus(_ status: Status) -> Status {
        statusSubstitutes[status] ?? status
    }

    /// The peer's note as we record it: with ReShare's markers taken out when the peer writes them, `nil`
    /// when nothing else is left.
    public func recordedNote(_ note: String?) -> String? {
        guard let note else { return nil }
        guard notesCarryReShareMarkers else { return note }
        let cleaned = ReShareNoteMarkers.removing(from: note)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The staff alert a peer's note calls for (a loan condition the peer sets or awaits agreement on).
    public func alert(inNote note: String?) -> String? {
        guard notesCarryReShareMarkers, let note else { return nil }
        return ReShareNoteMarkers.loanConditionAlert(in: note)
    }
}
