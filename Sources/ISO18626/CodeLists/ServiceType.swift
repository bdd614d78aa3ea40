/// What the requester wants supplied (`serviceInfo/serviceType`), and in 2021 what was actually delivered.
public enum ServiceType: String, ClosedCode {
    /// A copy the requester keeps, such as a scanned article.
    case copy = "Copy"
    /// The item itself, lent and to be returned.
    case loan = "Loan"
    /// Either a copy or a loan, as the supplier prefers.
    case copyOrLoan = "CopyOrLoan"

    /// The element the value appears in: `serviceType`.
    public static var elementName: String { "serviceType" }
}
