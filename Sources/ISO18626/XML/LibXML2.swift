internal import CLibXML2

/// One-time process-wide set-up of libxml2.
///
/// libxml2 must be initialised before it is used from several threads, and `xmlSchemaParse` initialises
/// the built-in XSD types lazily without a lock; both are done here, once, before anything else touches
/// the library. Every entry point of this module that uses libxml2 calls ``ensureInitialized()``.
package enum LibXML2 {
    private static let initialization: Void = {
        xmlInitParser()
        xmlSchemaInitTypes()
    }()

    /// Initialises libxml2 if that has not been done yet. Cheap after the first call.
    package static func ensureInitialized() {
        _ = initialization
    }

    /// The version of the libxml2 headers illgate was built against, such as `2.9.14`.
    package static var version: String {
        String(cString: clibxml2_version())
    }
}
