import NIOSSL
import Synchronization

/// The TLS client configurations of `https://` peers that have their own certificate or authorities, built
/// from their PEM files once and kept while the files' paths stay the same (a reload that names other files
/// builds anew). Certificates are read when first needed, so a file that is changed in place is picked up
/// by the next reload that changes its path, or by a restart.
final class OutboundTLSConfigurations: Sendable {
    private let built = Mutex<[OutboundTLSFiles: TLSConfiguration]>([:])

    /// The configuration for these files.
    /// - Throws: ``TransportError`` naming the file that cannot be read as PEM.
    func configuration(for files: OutboundTLSFiles) throws(TransportError) -> TLSConfiguration {
        if let known = built.withLock({ $0[files] }) { return known }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let path = files.certificatePath {
            do {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(path).map { .certificate($0) }
            } catch {
                throw TransportError(.tlsFileUnreadable, key: "tls_certificate", path: path, underlying: error)
            }
        }
        if let path = files.privateKeyPath {
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: path, format: .pem))
            } catch {
                throw TransportError(.tlsFileUnreadable, key: "tls_private_key", path: path, underlying: error)
            }
        }
        if let path = files.trustRootsPath {
            configuration.trustRoots = .file(path)
        }
        built.withLock { $0[files] = configuration }
        return configuration
    }
}
