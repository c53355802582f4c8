/** A CONNECT proxy's tunnel for tests: answers 200, then pipes the client socket to host:port both ways. */
import net from 'node:net';

/** Opens the tunnel of one CONNECT request (`head`: the bytes the client sent after its request head). */
export function openTunnel(socket: net.Socket, head: Buffer, port: number, host: string): void {
  const upstream = net.connect(port, host, () => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
}
