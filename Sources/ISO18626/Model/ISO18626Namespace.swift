/// The XML namespace of every ISO 18626 edition.
public enum ISO18626Namespace {
    /// `http://illtransactions.org/2013/iso18626`: the 2017 and 2021 schemas still use the 2013 URI.
    public static let uri = "http://illtransactions.org/2013/iso18626"
}
