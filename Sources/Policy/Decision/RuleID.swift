/// The id of a policy rule, as the policy reference numbers them: L01–L17 and C01–C05 (lending),
/// R01–R03 (renewals), B01–B10 (borrowing), K01–K10 (copyright counting).
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension RuleID {
    public static let l01: RuleID = "L01", l02: RuleID = "L02", l03: RuleID = "L03", l04: RuleID = "L04"
    public static let l05: RuleID = "L05", l06: RuleID = "L06", l07: RuleID = "L07", l08: RuleID = "L08"
    public static let l09: RuleID = "L09", l10: RuleID = "L10", l11: RuleID = "L11", l12: RuleID = "L12"
    public static let l13: RuleID = "L13", l14: RuleID = "L14", l15: RuleID = "L15", l16: RuleID = "L16"
    public static let l17: RuleID = "L17"
    public static let c01: RuleID = "C01", c02: RuleID = "C02", c03: RuleID = "C03", c04: RuleID = "C04"
    public static let c05: RuleID = "C05"
    public static let r01: RuleID = "R01", r02: RuleID = "R02", r03: RuleID = "R03"
    public static let b01: RuleID = "B01", b02: RuleID = "B02", b03: RuleID = "B03", b04: RuleID = "B04"
    public static let b05: RuleID = "B05", b06: RuleID = "B06", b07: RuleID = "B07", b08: RuleID = "B08"
    public static let b09: RuleID = "B09", b10: RuleID = "B10"
    public static let k01: RuleID = "K01", k02: RuleID = "K02", k03: RuleID = "K03", k04: RuleID = "K04"
    public static let k05: RuleID = "K05", k06: RuleID = "K06", k07: RuleID = "K07", k08: RuleID = "K08"
    public static let k09: RuleID = "K09", k10: RuleID = "K10"
    /// A `Retry` linked to the request it replaces (§4.5).
    public static let retry: RuleID = "RETRY"
    /// Staff review timed out.
    public static let reviewTimeout: RuleID = "REVIEW-TIMEOUT"
}
