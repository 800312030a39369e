export { Badge, type BadgeProps, type BadgeTone } from './badge';
export { Button, buttonClasses, type ButtonProps, type ButtonSize, type ButtonVariant } from './button';
export { Card, Panel, type PanelProps } from './card';
export { cn } from './cn';
export { Kbd } from './kbd';
export { SkipLink } from './skip-link';
