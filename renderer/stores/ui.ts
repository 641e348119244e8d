// What the admin is looking at: selected step and finding, filters, the evidence on screen.
import { create } from 'zustand';
import type { CheckStatus, Severity, StepHealth, StepId } from '../../shared/model';
import type { RunDiff } from '../../shared/engine/compare';

export type Tab = 'findings' | 'certificates' | 'files' | 'history' | 'probe';

/** What the evidence pane shows. */
export type EvidenceTarget =
  | { kind: 'file'; file: string; line?: number; highlight?: number[] }
  | { kind: 'certificate'; thumbprint: string; store?: string };

/** A verified fix shown on the diagram: its steps before and after, one side at a time. */
export interface FixOverlay {
  fixId: number;
  checkId: string;
  diff: RunDiff;
  afterSteps: StepHealth[];
  rebootPending: boolean;
  side: 'before' | 'after';
}

interface UiState {
  selectedStep: StepId | null;
  selectedFinding: string | null;
  tab: Tab;
  statusFilter: CheckStatus[];
  severityFilter: Severity[];
  search: string;
  evidence: EvidenceTarget | null;
  terminalOpen: boolean;
  fixOverlay: FixOverlay | null;
  showFixOverlay(o: FixOverlay | null): void;
  setFixSide(side: 'before' | 'after'): void;
  selectStep(step: StepId | null): void;
  selectFinding(checkId: string | null): void;
  setTab(tab: Tab): void;
  toggleStatus(s: CheckStatus): void;
  toggleSeverity(s: Severity): void;
  setSearch(text: string): void;
  showEvidence(target: EvidenceTarget | null): void;
  toggleTerminal(): void;
  reset(): void;
}

const DEFAULT_STATUSES: CheckStatus[] = ['fail', 'warn', 'error', 'unknown'];

export const useUi = create<UiState>((set) => ({
  selectedStep: null,
  selectedFinding: null,
  tab: 'findings',
  statusFilter: DEFAULT_STATUSES,
  severityFilter: [],
  search: '',
  evidence: null,
  terminalOpen: true,
  fixOverlay: null,
  showFixOverlay: (fixOverlay) => set({ fixOverlay }),
  setFixSide: (side) =>
    set((st) => ({ fixOverlay: st.fixOverlay ? { ...st.fixOverlay, side } : null })),
  selectStep: (step) =>
    set({ selectedStep: step, tab: 'findings', selectedFinding: null, evidence: null }),
  selectFinding: (checkId) => set({ selectedFinding: checkId, evidence: null }),
  setTab: (tab) => set({ tab }),
  toggleStatus: (s) =>
    set((st) => ({
      statusFilter: st.statusFilter.includes(s)
        ? st.statusFilter.filter((x) => x !== s)
        : [...st.statusFilter, s],
    })),
  toggleSeverity: (s) =>
    set((st) => ({
      severityFilter: st.severityFilter.includes(s)
        ? st.severityFilter.filter((x) => x !== s)
        : [...st.severityFilter, s],
    })),
  setSearch: (search) => set({ search }),
  showEvidence: (evidence) => set({ evidence }),
  toggleTerminal: () => set((st) => ({ terminalOpen: !st.terminalOpen })),
  reset: () =>
    set({
      selectedStep: null,
      selectedFinding: null,
      evidence: null,
      search: '',
      fixOverlay: null,
    }),
}));
