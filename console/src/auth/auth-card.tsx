import type { ReactNode } from "react";

/** The centred card that the sign-in, setup and registration pages share. */
export function AuthCard({ title, subtitle, children, wide }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="center-page">
      <div className={wide ? "card card-wide" : "card"}>
        <div className="brand brand-large">
          <span className="brand-mark">S</span> Switchboard
        </div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {children}
      </div>
    </div>
  );
}
