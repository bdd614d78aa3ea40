/// Which edition of the item the requester accepts (`serviceInfo/preferredEdition`, 2021 only).
///
/// Replaces the deprecated Y/N element `anyEdition`.
public enum PreferredEdition: String, ClosedCode {
    /// The most recent edition is wanted.
    case mostRecentEdition = "MostRecentEdition"
    /// Exactly the edition described in the bibliographic information is wanted.
    case thisEdition = "ThisEdition"
    /// Any edition will do.
    case anyEdition = "AnyEdition"

    /// The element the value appears in: `preferredEdition`.
    public static var elementName: String { "preferredEdition" }
}
