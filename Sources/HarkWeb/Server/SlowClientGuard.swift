// One per connection, after the HTTP decoder: closes a connection that takes
// too long to send a request head or body, and tells `OpenConnections` when
// the connection is waiting for a request (and may be closed to make room)
// or busy with one (and may not).
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let limits: ConnectionLimits
  private let connections: OpenConnections
  private var deadline: Scheduled<Void>?
  /// Requests read whose answer is not yet written (more than one only when
  /// a client sends the next request before the answer to the last).
  private var unanswered = 0

  init(limits: ConnectionLimits, connections: OpenConnections) {
    self.limits = limits
    self.connections = connections
  }

  func handlerAdded(context: ChannelHandlerContext) {
    connections.opened(context.channel)
    startDeadline(limits.headerTimeout, context: context)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    deadline?.cancel()
    connections.closed(context.channel)
  }

  func channelInactive(context: ChannelHandlerContext) {
    deadline?.cancel()
    connections.closed(context.channel)
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      unanswered += 1
      connections.busy(context.channel)
      startDeadline(limits.bodyTimeout, context: context)
    case .body:
      break
    case .end:
      // The whole request is in: the time the app takes to answer is not
      // the client's fault, so no deadline runs until the answer is sent.
      deadline?.cancel()
      deadline = nil
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      unanswered = max(0, unanswered - 1)
      if unanswered == 0 {
        connections.waiting(context.channel)
        startDeadline(limits.headerTimeout, context: context)
      }
    }
    context.write(data, promise: promise)
  }

  private func startDeadline(_ amount: TimeAmount, context: ChannelHandlerContext) {
    deadline?.cancel()
    let channel = context.channel
    deadline = context.eventLoop.scheduleTask(in: amount) { channel.close(promise: nil) }
  }
}
