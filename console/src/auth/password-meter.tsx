import { passwordStrength } from "./password-strength";

export function PasswordMeter({ password }: { password: string }) {
  const { score, label, problem } = passwordStrength(password);
  return (
    <div className="meter" data-testid="password-strength" data-score={score}>
      <div className="meter-track">
        <div className={`meter-fill meter-${score}`} style={{ width: `${(Math.max(score, 0.5) / 4) * 100}%` }} />
      </div>
      <span className="small">
        {label}
        {password && problem ? <span className="muted"> · {problem}</span> : null}
      </span>
    </div>
  );
}
