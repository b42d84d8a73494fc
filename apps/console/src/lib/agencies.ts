import { useEffect, useState } from 'react';
import { api, Schemas } from '../api/client';
import { currentSession } from './auth';

export type Agency = Schemas['AgencyView'];

/**
 * The municipality's agency register, read once per sign-in (it changes with a release, not
 * during a shift) and shared by every form that names agencies.
 */
let register: { token: string; agencies: Promise<Agency[]> } | undefined;

function readRegister(token: string): Promise<Agency[]> {
  if (register?.token !== token) {
    const agencies = api.GET('/v1/agencies').then((res) => res.data ?? []);
    register = { token, agencies };
    // A failed read is not kept: the next form asks again.
    void agencies.then((list) => {
      if (!list.length && register?.agencies === agencies) register = undefined;
    });
  }
  return register.agencies;
}

export function useAgencies(): Agency[] | undefined {
  const token = currentSession()?.token ?? '';
  const [agencies, setAgencies] = useState<Agency[]>();
  useEffect(() => {
    let live = true;
    void readRegister(token).then((list) => live && setAgencies(list));
    return () => {
      live = false;
    };
  }, [token]);
  return agencies;
}
