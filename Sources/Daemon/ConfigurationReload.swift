import Gateway
import Transport

/// What a SIGHUP does with a configuration file that was re-read and found valid.
///
/// `[library]`, `[[peers]]` and `[policy]` take effect at once: the gateway's settings and the transports'
/// peer table are swapped, so the next message is authenticated, decided and delivered under the new file.
/// Sockets, the database, the admin API, logging and delivery back-off are set up once at start, so changes to
/// `[http]`, `[tcp]`, `[storage]`, `[admin]`, `[logging]` and `[delivery]` are named as waiting for a restart.
struct ConfigurationReload {
    /// The gateway's new settings (the message size limit stays the one the listeners were started with).
    var gateway: GatewayConfiguration
    /// The peers' new transport links.
    var links: [PeerLink]
    /// The sections whose changes now apply, in file order.
    var applied: [String]
    /// The sections whose changes wait for a restart, in file order.
    var waitingForRestart: [String]
    /// The configuration the daemon runs with after the reload: the file's reloadable sections over the
    /// start-up ones, so the next reload compares against what is really in force.
    var inForce: DaemonConfiguration

    /// Works out the reload from the running configuration and the file's new one.
    init(running: DaemonConfiguration, loaded: DaemonConfiguration) {
        var gateway = loaded.gateway
        gateway.maximumMessageSize = running.gateway.maximumMessageSize
        self.gateway = gateway
        self.links = loaded.peerLinks

        var applied: [String] = []
        if running.library != loaded.library { applied.append("library") }
        if running.peers != loaded.peers { applied.append("peers") }
        if running.policy != loaded.policy { applied.append("policy") }
        self.applied = applied

        var waiting: [String] = []
        if running.storagePath != loaded.storagePath || running.patronDataRetentionDays != loaded.patronDataRetentionDays {
            waiting.append("storage")
        }
        if running.http != loaded.http { waiting.append("http") }
        if running.tcp != loaded.tcp { waiting.append("tcp") }
        if running.admin != loaded.admin { waiting.append("admin") }
        if running.logging != loaded.logging { waiting.append("logging") }
        if running.delivery != loaded.delivery { waiting.append("delivery") }
        if running.validateOutbound != loaded.validateOutbound { waiting.append("diagnostics") }
        self.waitingForRestart = waiting

        var inForce = running
        inForce.library = loaded.library
        inForce.peers = loaded.peers
        inForce.policy = loaded.policy
        self.inForce = inForce
    }
}
