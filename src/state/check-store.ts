import { create } from 'zustand';
import type { AppErrorShape, ChannelInput, CheckRunSummary } from '../../electron/contract';
import { call, on } from '../lib/api';
import { writeResult } from '../lib/query';

type Selection = ChannelInput<'checkTokens'>['selection'];

export interface CheckRun {
  runId: string;
  /** What was checked, in words: "12 selected tokens", "all tokens". */
  label: string;
  done: number;
  total: number;
  counts: Partial<Record<string, number>>;
  running: boolean;
  cancelling: boolean;
  summary: CheckRunSummary | null;
  error: AppErrorShape | null;
  startedAt: string;
}

/** A bulk check waiting for the user's go-ahead, after seeing what it would send. */
export interface CheckProposal {
  selection: Selection;
  label: string;
}

interface CheckState {
  /** A bulk check shown with its plan, not yet sent. */
  proposal: CheckProposal | null;
  /** Shows what a bulk check would send; nothing is sent until the user confirms. */
  propose(selection: Selection, label: string): void;
  closeProposal(): void;
  /** The bulk run being shown (running or just finished). */
  current: CheckRun | null;
  /** The last finished bulk run, for the dashboard. */
  last: CheckRun | null;
  start(selection: Selection, label: string, total: number, includeRetired?: boolean): Promise<CheckRunSummary | null>;
  cancel(): Promise<void>;
  dismiss(): void;
}

/** Bulk status checks: one run at a time, progress from `checkProgress` events, cancellable. */
export const useChecks = create<CheckState>((set, get) => ({
  proposal: null,
  propose(selection, label) {
    if (!get().current?.running) set({ proposal: { selection, label } });
  },
  closeProposal() {
    set({ proposal: null });
  },
  current: null,
  last: null,
  async start(selection, label, total, includeRetired = false) {
    if (get().current?.running) return null;
    const runId = crypto.randomUUID();
    const run: CheckRun = {
      runId,
      label,
      done: 0,
      total,
      counts: {},
      running: true,
      cancelling: false,
      summary: null,
      error: null,
      startedAt: new Date().toISOString(),
    };
    set({ current: run });
    const off = on('checkProgress', (p) => {
      const cur = get().current;
      if (!cur || cur.runId !== p.runId || !cur.running) return;
      set({ current: { ...cur, done: p.done, total: p.total, counts: p.counts } });
    });
    try {
      const result = await writeResult('checkTokens', { runId, selection, includeRetired }, { long: true });
      const cur = get().current;
      const base = cur?.runId === runId ? cur : run;
      const finished: CheckRun = result.ok
        ? {
            ...base,
            running: false,
            cancelling: false,
            done: result.value.checked + result.value.withoutSecret + result.value.cancelled,
            total: result.value.total,
            counts: result.value.counts,
            summary: result.value,
          }
        : { ...base, running: false, cancelling: false, error: result.error };
      set({ current: finished, last: result.ok ? finished : get().last });
      return result.ok ? result.value : null;
    } finally {
      off();
    }
  },
  async cancel() {
    const cur = get().current;
    if (!cur?.running) return;
    set({ current: { ...cur, cancelling: true } });
    await call('cancelCheck', { runId: cur.runId });
  },
  dismiss() {
    if (!get().current?.running) set({ current: null });
  },
}));
