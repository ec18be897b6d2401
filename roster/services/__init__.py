"""What planners ask of a roster beyond solving it: change and repair it, what-if and minimum
staff, leave requests, the reasons a scenario has no roster. Services call the solver, the
validator, the reports and the formats; nothing below them imports a service."""
