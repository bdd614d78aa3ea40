/// ISO 4217: which currency codes are in use and how many minor units (decimal places) each has.
///
/// The alphabetic codes themselves are ``CurrencyCodeList/knownValues`` (what a peer may send); money we
/// record ourselves must be in an active code, with no more decimal places than the code's minor units.
public enum ISO4217 {
    /// Codes still known to the list but withdrawn: a peer may send them, we never record new money in them.
    public static let withdrawn: Set<String> = ["HRK", "SLL", "ZWL", "CUC", "ANG"]

    /// Codes with no minor unit defined (precious metals, bond units, SDR, test and "no currency" codes):
    /// they are not currencies an invoice can be written in.
    public static let withoutMinorUnit: Set<String> = [
        "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
    ]

    /// Minor units other than the usual two.
    private static let exceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// Whether money may be recorded in this code: a known, active code with a minor unit.
    public static func isActive(_ code: String) -> Bool {
        CurrencyCodeList.knownValues.contains(code) && !withdrawn.contains(code) && !withoutMinorUnit.contains(code)
    }

    /// The number of decimal places of an active code (`JPY` 0, `USD` 2, `KWD` 3); `nil` for anything else.
    public static func minorUnits(of code: String) -> Int? {
        guard isActive(code) else { return nil }
        return exceptions[code] ?? 2
    }
}
