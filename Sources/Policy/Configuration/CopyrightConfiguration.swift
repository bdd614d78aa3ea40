/// The copyright regime, `[policy.copyright]`: what a lender accepts as a declaration (C rules) and how
/// a borrower counts its copies (K rules, ``CopyrightBorrowingConfiguration``).
public struct CopyrightConfiguration: Hashable, Sendable {
    /// The law the library works under.
    public enum Regime: String, Hashable, Sendable, CaseIterable {
        case us = "US", uk = "UK", ca = "CA", au = "AU", nz = "NZ", none
    }
    /// What a copy request without a (recognised) declaration gets (C01/C02).
    public enum MissingDeclaration: String, Hashable, Sendable, CaseIterable {
        case review, unfilled
        /// Take the peer's `copyright_assume` code as if it had been sent.
        case assume
    }

    public var regime: Regime = .us
    public var onMissingDeclaration: MissingDeclaration = .review
    /// Declaration codes accepted from any peer (after aliases and dash normalisation).
    public var acceptedCodes: [String] = ["US-CCG", "US-CCL"]
    /// Codes accepted from peers of a country (ISO 3166 alpha-2), in addition to ``acceptedCodes``.
    public var foreignCodes: [String: [String]] = [
        "GB": ["UK-FairDealing", "UK-CopyRFeePaid"],
        "AU": ["AU-CopyrightActS50-1"],
        "CA": ["Other"],
    ]
    /// Spellings seen in the wild mapped to the standard code (compared case-insensitively).
    public var codeAliases: [String: String] = ["CCG": "US-CCG", "CCL": "US-CCL", "US:CCG": "US-CCG", "US:CCL": "US-CCL"]
    /// Publication types never copied automatically (108(i)) (C03).
    public var excludedCopyTypes: [String] = ["MusicScore", "Image", "Movie"]
    /// The UK/AU/CA "reasonable proportion" of a non-periodical work, in percent of its pages (C04).
    public var reasonableProportionPercent = 10
    /// Canada s.30.2(5.02): whether we take the measures that allow electronic delivery (C05).
    public var digitalMeasures = false
    /// The borrower-side counting (`[policy.copyright.borrowing]`).
    public var borrowing = CopyrightBorrowingConfiguration()

    public init() {}
}
