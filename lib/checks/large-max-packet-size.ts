import { Size } from '../validation/size';
import { EmqxCheck } from './emqx-check';

/** Above this, `mqtt.max_packet_size` is sized for firmware images rather than telemetry. */
export const LARGE_PACKET_THRESHOLD = Size.mebibytes(16);

/** Firmware-sized packets let every connection buffer megabytes. */
export const LargeMaxPacketSize: EmqxCheck = {
  id: 'EMQX-LargeMaxPacketSize',
  severity: 'warning',
  summary: `mqtt.max_packet_size is above ${LARGE_PACKET_THRESHOLD.toEmqx()} (firmware-sized).`,
  explanation:
    'EMQX buffers a whole packet per connection before it can route it, and the limit applies to every client: a reconnect storm of devices sending large packets multiplies it by the connection count and ends in OOM kills. Firmware images belong in object storage, with MQTT carrying the URL.',
  fix: 'Keep max_packet_size near the largest telemetry message (EMQX default 1MB) and deliver firmware by URL (S3 presigned links).',
  run: ({ cluster }) => {
    const size = cluster.mqtt?.maxPacketSize;
    return size && size.toBytes() > LARGE_PACKET_THRESHOLD.toBytes() ? [`maxPacketSize = ${size.toEmqx()}`] : [];
  },
};
