public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore

/// The HTTP listener of a stack: one port, every service behind the ``EdgeResponder``.
public enum EdgeServer {
    /// The Hummingbird application for `responder` on `host:port`.
    ///
    /// `onReady` runs once the socket is bound, with the port actually bound (which matters when
    /// `port` is 0). The application is a swift-service-lifecycle `Service`: run it in a
    /// `ServiceGroup` for graceful shutdown.
    public static func application(
        responder: EdgeResponder,
        host: String,
        port: Int,
        logger: Logger,
        onReady: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        Application(
            responder: responder,
            // `100 Continue` answered; request heads, idle connections and their number held to ``EdgeLimits``.
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ExpectContinueHandler()],
                idleTimeout: .seconds(EdgeLimits.idleTimeoutSeconds),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: EdgeLimits.headerFieldSize,
                    maxHeaderListSize: EdgeLimits.headerListSize,
                    maxHeaderFieldCount: EdgeLimits.headerFieldCount
                )
            )),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port),
                serverName: nil,
                reuseAddress: true,
                availableConnectionsDelegate: MaximumAvailableConnections(EdgeLimits.maximumConnections, logger: logger)
            ),
            onServerRunning: { channel in
                await onReady(channel.localAddress?.port ?? port)
            },
            logger: logger
        )
    }
}
