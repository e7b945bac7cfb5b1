import type { PresenceCause, PresenceChoice, PresenceDevice, PresenceStatus, Role } from "@switchboard/shared";

/** The server's state of one member's presence in one workspace. */
export interface PresenceRecord {
  workspaceId: string;
  userId: string;
  name: string;
  teams: string[];
  roles: Role[];
  status: PresenceStatus;
  awayReason?: string;
  onCall: boolean;
  activeChats: number;
  /** onCall, activeChats and these two are set by routing from interactions (DESIGN.md §8, §10). */
  wrapUpUntil?: string;
  /** When the member's last interaction ended (routing's longest-idle choice). */
  lastInteractionEndedAt?: string;
  since: string;
  lastSeenAt: string | null;
  cause?: PresenceCause;
  /** What the member (or a supervisor) last chose: restored when they come back from offline. */
  chosen: PresenceChoice;
  /** When lastSeenAt was last written to Membership.lastActiveAt (ms), for throttling. */
  persistedAt: number | null;
  /** The Membership document, so persisting lastActiveAt is a write by `_id` (absent in records stored before it was kept). */
  membershipId?: string;
}

/** One connected dock, and the node that holds its socket. */
export interface DeviceEntry extends PresenceDevice {
  socketId: string;
  nodeId: string;
}

export interface MemberKey {
  workspaceId: string;
  userId: string;
}

export const memberKey = ({ workspaceId, userId }: MemberKey): string => `${workspaceId}|${userId}`;
export const parseMemberKey = (key: string): MemberKey => {
  const [workspaceId = "", userId = ""] = key.split("|");
  return { workspaceId, userId };
};

/**
 * Where presence lives: in memory for one node, in Redis when several nodes share it.
 * Each method is one small step; the service serialises steps per member on a node.
 */
export interface PresenceStore {
  readonly nodeId: string;
  get(key: MemberKey): Promise<PresenceRecord | null>;
  getMany(workspaceId: string, userIds: readonly string[]): Promise<Array<PresenceRecord | null>>;
  /** Stores the record and returns the member's devices as they are after it (one round trip in Redis). */
  put(record: PresenceRecord): Promise<DeviceEntry[]>;
  addDevice(key: MemberKey, device: DeviceEntry): Promise<void>;
  removeDevice(key: MemberKey, socketId: string): Promise<void>;
  devices(key: MemberKey): Promise<DeviceEntry[]>;
  devicesMany(workspaceId: string, userIds: readonly string[]): Promise<DeviceEntry[][]>;
  /** The member goes offline at `atMs` unless cancelled (a dock came back). */
  scheduleOffline(key: MemberKey, atMs: number): Promise<void>;
  cancelOffline(key: MemberKey): Promise<void>;
  /** Members whose grace period ended; each is handed to exactly one caller (one node). */
  claimDueOffline(nowMs: number): Promise<MemberKey[]>;
  /** Tells other nodes this one is alive. */
  heartbeat(ttlMs: number): Promise<void>;
  /** Drops devices held by nodes that stopped beating; returns the members they belonged to. */
  claimOrphanedDevices(): Promise<MemberKey[]>;
  close(): Promise<void>;
}

/**
 * A copy the caller may change without touching the stored one. The service only ever
 * replaces a record's fields (arrays and `chosen`/`cause` objects included), never mutates
 * them in place, so a shallow copy is enough: no deep clone on every presence change.
 */
const copyOf = (record: PresenceRecord): PresenceRecord => ({ ...record });

/** One node: everything in maps. No other node can die under it. */
export class MemoryPresenceStore implements PresenceStore {
  readonly nodeId = "local";
  private readonly records = new Map<string, PresenceRecord>();
  private readonly deviceMap = new Map<string, Map<string, DeviceEntry>>();
  private readonly offlineAt = new Map<string, number>();

  async get(key: MemberKey) {
    const record = this.records.get(memberKey(key));
    return record ? copyOf(record) : null;
  }
  /** One loop, not a promise per member: routing and the board ask for every member of a workspace, every second. */
  async getMany(workspaceId: string, userIds: readonly string[]) {
    return userIds.map((userId) => {
      const record = this.records.get(memberKey({ workspaceId, userId }));
      return record ? copyOf(record) : null;
    });
  }
  async put(record: PresenceRecord) {
    this.records.set(memberKey(record), copyOf(record));
    return this.devices(record);
  }
  async addDevice(key: MemberKey, device: DeviceEntry) {
    const id = memberKey(key);
    const devices = this.deviceMap.get(id) ?? new Map<string, DeviceEntry>();
    devices.set(device.socketId, device);
    this.deviceMap.set(id, devices);
  }
  async removeDevice(key: MemberKey, socketId: string) {
    const id = memberKey(key);
    this.deviceMap.get(id)?.delete(socketId);
    if (this.deviceMap.get(id)?.size === 0) this.deviceMap.delete(id);
  }
  async devices(key: MemberKey) {
    return [...(this.deviceMap.get(memberKey(key))?.values() ?? [])];
  }
  async devicesMany(workspaceId: string, userIds: readonly string[]) {
    return userIds.map((userId) => [...(this.deviceMap.get(memberKey({ workspaceId, userId }))?.values() ?? [])]);
  }
  async scheduleOffline(key: MemberKey, atMs: number) {
    this.offlineAt.set(memberKey(key), atMs);
  }
  async cancelOffline(key: MemberKey) {
    this.offlineAt.delete(memberKey(key));
  }
  async claimDueOffline(nowMs: number) {
    const due: MemberKey[] = [];
    for (const [id, atMs] of this.offlineAt) {
      if (atMs > nowMs) continue;
      this.offlineAt.delete(id);
      due.push(parseMemberKey(id));
    }
    return due;
  }
  async heartbeat() {}
  async claimOrphanedDevices() {
    return [];
  }
  async close() {}
}
