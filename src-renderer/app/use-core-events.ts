import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribeToCoreEvents } from '../api';

/** Mounts the renderer's single subscription to core events for the app's lifetime. */
export function useCoreEvents(): void {
  const client = useQueryClient();
  useEffect(() => subscribeToCoreEvents(client), [client]);
}
