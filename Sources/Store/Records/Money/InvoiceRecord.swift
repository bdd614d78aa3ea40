public import Foundation
public import ISO18626

/// An invoice (or credit note) we issued. Immutable once issued: it can be voided (it keeps its number) or
/// credited by a credit note, never edited.
public struct InvoiceRecord: Hashable, Sendable {
    /// An invoice or a credit note against one.
    public enum Kind: String, Hashable, Sendable, CaseIterable { case invoice, creditNote }

    public var id: Int64
    /// The number printed, from `[billing] invoice_number_format`; gapless per year.
    public var number: String
    public var year: Int
    /// The place in the year's sequence (1, 2, ...).
    public var sequence: Int
    public var kind: Kind
    public var peerName: String
    public var issuedAt: Date
    /// When payment is due (`payment_terms_days` after issue).
    public var dueAt: Date
    /// The last day of charges gathered (`--through`), if one was given.
    public var through: Date?
    /// Negative for a credit note.
    public var total: Money
    /// The invoice a credit note credits.
    public var creditsInvoiceID: Int64?
    public var voidedAt: Date?
    public var voidReason: String?
    /// Who it is addressed to (the peer's name and agency id as printed).
    public var billTo: String
    public var note: String?

    public init(
        id: Int64 = 0,
        number: String,
        year: Int,
        sequence: Int,
        kind: Kind,
        peerName: String,
        issuedAt: Date,
        dueAt: Date,
        through: Date? = nil,
        total: Money,
        creditsInvoiceID: Int64? = nil,
        voidedAt: Date? = nil,
        voidReason: String? = nil,
        billTo: String,
        note: String? = nil
    ) {
        self.id = id
        self.number = number
        self.year = year
        self.sequence = sequence
        self.kind = kind
        self.peerName = peerName
        self.issuedAt = issuedAt
        self.dueAt = dueAt
        self.through = through
        self.total = total
        self.creditsInvoiceID = creditsInvoiceID
        self.voidedAt = voidedAt
        self.voidReason = voidReason
        self.billTo = billTo
        self.note = note
    }
}
